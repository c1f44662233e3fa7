#!/usr/bin/env node
// The `callflow` command: runs the compiled CLI (dist/cli.js), building it first when it is
// missing or older than its sources — so a fresh clone needs nothing but `npm ci`.
import { runBuilt } from '../scripts/build/ensure.mjs';

await runBuilt('cli');
