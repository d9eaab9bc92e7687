/**
 * Maps a document path (`steps[2].check.name`) to its line in block-style YAML, so schema
 * errors can say `lesson.yaml:14`. js-yaml keeps no positions after loading, so this walks the
 * text by indentation: a light approach that handles the block style lessons are written in
 * and returns the deepest line it could find (or undefined) for anything fancier.
 */

interface Line {
  readonly index: number;
  /** Column of the first character (a dash or a key). */
  readonly first: number;
  /** Column where the key starts, after any `- ` markers. */
  readonly keyCol: number;
  readonly key: string | undefined;
  readonly dashes: number;
}

function scan(text: string): Line[] {
  const out: Line[] = [];
  text.split('\n').forEach((raw, index) => {
    const trimmed = raw.trimStart();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed === '---') return;
    const first = raw.length - trimmed.length;
    let rest = trimmed;
    let keyCol = first;
    let dashes = 0;
    while (rest === '-' || rest.startsWith('- ')) {
      const after = rest.slice(1).trimStart();
      keyCol += rest.length - after.length;
      rest = after;
      dashes++;
    }
    const m = /^(?:"([^"]*)"|'([^']*)'|([^\s:#][^:#]*?))\s*:(?:\s|$)/.exec(rest);
    out.push({ index, first, keyCol, key: m ? m[1] ?? m[2] ?? m[3] : undefined, dashes });
  });
  return out;
}

interface Block {
  readonly from: number;
  readonly to: number;
  readonly col: number;
}

function blockAfter(lines: readonly Line[], at: number, col: number, end: number): Block | undefined {
  let to = at + 1;
  while (to < end) {
    const l = lines[to];
    if (!l || l.first < col || (l.first === col && l.dashes === 0)) break;
    to++;
  }
  const firstChild = lines[at + 1];
  if (to === at + 1 || !firstChild) return undefined;
  return { from: at + 1, to, col: firstChild.first };
}

/** 1-based line of the path's deepest resolvable segment, or undefined when even the first is not found. */
export function lineOfPath(text: string, path: readonly PropertyKey[]): number | undefined {
  const lines = scan(text);
  let block: Block = { from: 0, to: lines.length, col: lines[0]?.first ?? 0 };
  let found: number | undefined;
  for (const seg of path) {
    let at = -1;
    if (typeof seg === 'number') {
      let n = -1;
      for (let i = block.from; i < block.to; i++) {
        const l = lines[i];
        if (l && l.first === block.col && l.dashes > 0 && ++n === seg) {
          at = i;
          break;
        }
      }
      if (at < 0) break;
      const dash = lines[at] as Line;
      found = dash.index + 1;
      let to = at + 1;
      while (to < block.to && (lines[to]?.first ?? 0) > dash.first) to++;
      block = { from: at, to, col: dash.keyCol };
      continue;
    }
    for (let i = block.from; i < block.to; i++) {
      const l = lines[i];
      if (l && l.keyCol === block.col && l.key === String(seg)) {
        at = i;
        break;
      }
    }
    if (at < 0) break;
    found = (lines[at] as Line).index + 1;
    const next = blockAfter(lines, at, (lines[at] as Line).keyCol, block.to);
    if (!next) break;
    block = next;
  }
  return found;
}
