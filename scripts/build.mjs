// `npm run build [-- cli|server]`: compiles dist/ now, stale or not — for images and CI caches.
// Nobody needs to run it: `bin/callflow.js` and `npm start` build whatever is missing or stale.
import { compile } from './build/compile.mjs';
import { ROOT, TARGETS, targetNamed } from './build/targets.mjs';

const names = process.argv.slice(2);
for (const name of names.length > 0 ? names : Object.keys(TARGETS)) {
  const started = performance.now();
  const target = targetNamed(name);
  try {
    await compile(ROOT, target);
  } catch {
    process.exitCode = 1;
    continue;
  }
  process.stdout.write(`built ${target.out} in ${Math.round(performance.now() - started)} ms\n`);
}
