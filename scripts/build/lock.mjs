// One build of a target at a time: two first runs of the CLI (a pre-commit hook running it per
// file) would otherwise both build the same bundle. The lock is a folder (mkdir is atomic) holding
// the owner's pid. Correctness does not rest on it — compile.mjs writes via temp files and
// renames — so a lock whose owner died, or that is older than any build, is simply taken over.
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const OLDER_THAN_ANY_BUILD_MS = 120_000;
const POLL_MS = 50;

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** True when the lock at `dir` was left behind by a process that is gone or hung. */
function abandoned(dir) {
  const stat = statSync(dir, { throwIfNoEntry: false });
  if (!stat) return false;
  if (Date.now() - stat.mtimeMs > OLDER_THAN_ANY_BUILD_MS) return true;
  let pid;
  try {
    pid = Number(readFileSync(path.join(dir, 'pid'), 'utf8'));
  } catch {
    return false; // just created, its owner is about to write its pid
  }
  return !alive(pid);
}

/** Runs `fn` holding the lock `<dist>/.<name>.lock`, waiting for another holder first. */
export async function withBuildLock(dist, name, fn) {
  const dir = path.join(dist, `.${name}.lock`);
  mkdirSync(dist, { recursive: true });
  for (;;) {
    try {
      mkdirSync(dir);
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
    }
    if (abandoned(dir)) rmSync(dir, { recursive: true, force: true });
    else await sleep(POLL_MS);
  }
  try {
    writeFileSync(path.join(dir, 'pid'), String(process.pid));
    return await fn();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
