// Builds designer/dist once per test run (the server and the static server serve it).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export function buildDesigner(root: string): void {
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'designer/vite.config.ts',
      '--logLevel',
      'error',
    ],
    {
      cwd: root,
      stdio: 'pipe',
      timeout: 120_000,
    },
  );
}
