#!/usr/bin/env node
// The `callflow` command: the CLI is TypeScript, run through tsx so no build step is needed.
import { register } from 'tsx/esm/api';

register();
await import('../engine/src/cli/main.ts');
