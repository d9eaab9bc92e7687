/**
 * Lesson prose (markdown) to terminal lines with marked-terminal. Heavy to import, so the app
 * loads this module only when a lesson opens; results are cached per text and width.
 */
import { stripVTControlCharacters } from 'node:util';
import { Marked } from 'marked';
import { markedTerminal } from 'marked-terminal';

const renderers = new Map<number, Marked>();
const cache = new Map<string, readonly string[]>();

function renderer(width: number): Marked {
  let m = renderers.get(width);
  if (!m) {
    m = new Marked();
    m.use(markedTerminal({ width, reflowText: true, showSectionPrefix: false, tab: 2, emoji: false }));
    renderers.set(width, m);
  }
  return m;
}

/** Renders markdown for a pane `width` columns wide; without colour every ANSI code is stripped. */
export function renderMarkdown(markdown: string, width: number, color: boolean): readonly string[] {
  const key = `${width}:${color ? 1 : 0}:${markdown}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const out = renderer(width).parse(markdown, { async: false });
  const text = color ? out : stripVTControlCharacters(out);
  const lines = text.replace(/\n+$/, '').split('\n');
  if (cache.size > 200) cache.clear();
  cache.set(key, lines);
  return lines;
}
