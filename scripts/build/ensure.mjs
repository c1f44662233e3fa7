// Build when missing or stale: what `bin/callflow.js`, `npm start` and the test setup call before
// they load a bundle. The check only stats the files the manifest lists; esbuild is loaded only
// when a build is actually needed.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { withBuildLock } from './lock.mjs';
import { staleReason } from './manifest.mjs';
import { ROOT, targetNamed } from './targets.mjs';

/** Returns the absolute path of the target's bundle, building it first if needed (one line on stderr). */
export async function ensureBuilt(name, { root = ROOT, log = (line) => process.stderr.write(line) } = {}) {
  const target = targetNamed(name);
  const out = path.join(root, target.out);
  if (!staleReason(root, target)) return out;
  await withBuildLock(path.dirname(out), target.name, async () => {
    // Whoever held the lock before us may have just built it.
    const reason = staleReason(root, target);
    if (!reason) return;
    log(`callflow: building ${target.out} (${reason})\n`);
    const { compile } = await import('./compile.mjs');
    await compile(root, target);
  });
  return out;
}

/** `bin/callflow.js` and `npm start`: runs the target's bundle in this process, built first if needed. */
export async function runBuilt(name) {
  let bundle;
  try {
    bundle = await ensureBuilt(name);
  } catch {
    // esbuild has printed what is wrong with which source line.
    process.stderr.write(`callflow: the build of ${targetNamed(name).out} failed\n`);
    process.exit(1);
  }
  // Stack traces name the .ts lines (the bundle's source map).
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(bundle).href);
}
