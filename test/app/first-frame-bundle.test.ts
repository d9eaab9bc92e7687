/**
 * What the lesson list's first frame loads, read from the bundle's esbuild metafile (the same
 * options as `npm run build`): the CLI chunk, the TUI's chunk and everything they import
 * statically. The classroom modules (zod with them) must be loaded only when a classroom is
 * joined — by `--join` or the list's join key — so a plain `npx learn-daemonsets` never pays.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { bundleOptions } from '../../scripts/bundle-options.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Source files in `from` and every chunk it imports statically, transitively. */
function staticInputs(meta: Metafile, from: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (out: string): void => {
    const chunk = meta.outputs[out];
    if (!chunk || seen.has(out)) return;
    seen.add(out);
    for (const i of chunk.imports) if (i.kind === 'import-statement') visit(i.path);
  };
  from.forEach(visit);
  return new Set([...seen].flatMap((out) => Object.keys(meta.outputs[out]?.inputs ?? {})));
}

/** The output chunk whose entry point (static or dynamic-import target) is `source`. */
function chunkOf(meta: Metafile, source: string): string {
  const found = Object.entries(meta.outputs).find(([, o]) => o.entryPoint === source);
  if (!found) throw new Error(`no chunk starts at ${source}`);
  return found[0];
}

describe('the first frame of the lesson list', () => {
  it('loads no classroom module and no zod; joining loads them on demand', async () => {
    const result = await build({ ...bundleOptions, absWorkingDir: root, outdir: path.join(root, 'dist', 'first-frame-check'), write: false, logLevel: 'error' });
    const meta = result.metafile;
    const firstFrame = staticInputs(meta, [chunkOf(meta, 'src/cli.ts'), chunkOf(meta, 'src/app/run-tui.tsx')]);
    expect(firstFrame).toContain('src/app/App.tsx');
    expect(firstFrame).toContain('src/ui/LessonList.tsx');
    const classroom = [...firstFrame].filter((f) => f.startsWith('src/classroom/') || /^src\/app\/classroom-(join|progress|broadcasts)\.ts$/.test(f) || f.includes('node_modules/zod/'));
    expect(classroom).toEqual([]);

    const joinChunk = chunkOf(meta, 'src/app/classroom-join.ts');
    const onJoin = staticInputs(meta, [joinChunk]);
    for (const f of ['src/classroom/outbox-join.ts', 'src/classroom/protocol.ts', 'src/app/classroom-progress.ts', 'src/app/classroom-broadcasts.ts']) expect(onJoin).toContain(f);
  }, 60_000);
});
