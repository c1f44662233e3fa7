#!/usr/bin/env node
// The `callflow` command: runs the compiled CLI (dist/cli.js), building it first when it is
// missing or older than its sources — so a fresh clone needs nothing but `npm ci`.
import { pathToFileURL } from 'node:url';
import { ensureBuilt } from '../scripts/build/ensure.mjs';

let cli;
try {
  cli = await ensureBuilt('cli');
} catch {
  // esbuild has printed what is wrong with which source line.
  process.stderr.write('callflow: the build of dist/cli.js failed\n');
  process.exit(1);
}
process.setSourceMapsEnabled(true);
await import(pathToFileURL(cli).href);
