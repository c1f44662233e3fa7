// `npm start` builds the designer when designer/dist is missing or older than its sources, so a
// fresh clone serves the page with one command. Skipped (with a log line) when the designer
// sources or the build script are not there yet, or when CALLFLOW_SKIP_DESIGNER_BUILD=1.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../log/index';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

export type DesignerBuildOutcome = 'fresh' | 'built' | 'skipped' | 'failed';

export function buildDesignerIfStale(root: string, logger: Logger, skip: boolean): DesignerBuildOutcome {
  const designer = path.join(root, 'designer');
  const dist = path.join(designer, 'dist', 'index.html');
  const scripts =
    (
      JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
        scripts?: Record<string, string>;
      }
    ).scripts ?? {};
  if (skip || !existsSync(path.join(designer, 'index.html')) || !scripts['build:designer']) {
    logger.info('designer.build', { outcome: 'skipped', reason: skip ? 'disabled' : 'no_sources' });
    return 'skipped';
  }
  if (existsSync(dist) && statSync(dist).mtimeMs >= newestMtime(designer)) return 'fresh';
  const started = performance.now();
  // The build tool's own progress goes to stderr; our stdout stays for the one bootstrap notice.
  const res = spawnSync('npm', ['run', '--silent', 'build:designer'], { cwd: root, stdio: ['ignore', 2, 2] });
  const ms = Math.round(performance.now() - started);
  if (res.status !== 0) {
    logger.error('designer.build', { outcome: 'error', code: 'build_failed', ms });
    return 'failed';
  }
  logger.info('designer.build', { outcome: 'ok', ms });
  return 'built';
}
