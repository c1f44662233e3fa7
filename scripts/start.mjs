// `npm start`: runs the compiled server (dist/server.js), building it first when it is missing or
// older than its sources. One process, so SIGTERM/SIGINT reach the server's own handlers.
import { pathToFileURL } from 'node:url';
import { ensureBuilt } from './build/ensure.mjs';

let server;
try {
  server = await ensureBuilt('server');
} catch {
  // esbuild has printed what is wrong with which source line.
  process.stderr.write('callflow: the build of dist/server.js failed\n');
  process.exit(1);
}
process.setSourceMapsEnabled(true);
await import(pathToFileURL(server).href);
