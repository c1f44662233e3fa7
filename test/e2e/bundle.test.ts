// What ships to the browser: the designer bundles the engine's pure core (engine/src/flow) and
// nothing else of the engine — its wire types come from engine/src/http/api-types.ts as
// `import type`, which the bundler erases. A value import from the server side, or a server
// package (hono, zod, drizzle…), would show up here as a bundled module.
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SERVER_PACKAGES =
  /^(@hono\/|hono$|zod$|drizzle-orm$|pg$|pg-boss$|better-sqlite3$|pino$|ws$|openai$|twilio$)/;

/** The package a node_modules path belongs to (`@scope/name` or `name`). */
function packageOf(path: string): string {
  const parts = path.split('node_modules/').at(-1)!.split('/');
  return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

describe('the designer bundle', () => {
  it('contains the pure core and no server module or package', async () => {
    const modules = new Set<string>();
    // write: false — nothing lands in designer/dist, so parallel browser tests are not disturbed.
    await build({
      configFile: join(ROOT, 'designer/vite.config.ts'),
      logLevel: 'error',
      build: { write: false },
      plugins: [{ name: 'record-modules', moduleParsed: (info) => void modules.add(info.id) }],
    });
    const files = [...modules].filter((id) => !id.startsWith('\0')).map((id) => relative(ROOT, id));
    const engine = files.filter((f) => f.startsWith('engine/'));
    expect(engine).toContain('engine/src/flow/loader/load.ts');
    // Besides the pure core, only the μ-law tables (engine/src/audio/mulaw.ts imports nothing):
    // the voice test call encodes the microphone in the page exactly as the phone path does.
    expect(
      engine.filter((f) => !f.startsWith('engine/src/flow/') && f !== 'engine/src/audio/mulaw.ts'),
    ).toEqual([]);
    const packages = new Set(files.filter((f) => f.includes('node_modules/')).map(packageOf));
    expect(packages).toContain('@xyflow/react');
    expect([...packages].filter((p) => SERVER_PACKAGES.test(p))).toEqual([]);
  });
});
