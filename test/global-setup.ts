// Builds dist/cli.js and dist/server.js once per test run (only if missing or stale), before any
// worker starts: tests that spawn the CLI or the server then run the compiled JavaScript, as users
// do, and parallel workers never race to build it.
import { ensureBuilt } from '../scripts/build/ensure.mjs';

export default async function setup(): Promise<void> {
  await ensureBuilt('cli');
  await ensureBuilt('server');
}
