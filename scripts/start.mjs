// `npm start`: runs the compiled server (dist/server.js), building it first when it is missing or
// older than its sources. One process, so SIGTERM/SIGINT reach the server's own handlers.
import { runBuilt } from './build/ensure.mjs';

await runBuilt('server');
