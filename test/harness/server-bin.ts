// How tests start the real server: the compiled dist/server.js (built by test/global-setup.ts),
// with stack traces mapped back to the .ts sources. One process, so SIGTERM reaches its handlers.
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Arguments for `spawn(process.execPath, …)`; `nodeOptions` go before the script (e.g. --cpu-prof). */
export function serverArgs(nodeOptions: string[] = []): string[] {
  return [...nodeOptions, '--enable-source-maps', path.join(ROOT, 'dist/server.js')];
}
