// A build's manifest: every file it was made from and the folders they sit in (a new file can
// change what an import resolves to), each with the modification time and size seen at build
// time, plus the output itself. The build is fresh while all of them still look the same: a few
// hundred stat calls, no reading, no hashing. Equality rather than "newer than", so a file put back
// with an older time (checkout, copy with -p) counts as a change too.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const FORMAT = 2;
/** Timestamps of files come from a coarse kernel clock that may lag Date.now() by a tick or two. */
const CLOCK_SLACK_MS = 50;
/** Recorded for an input that changed while the build read it: it never matches, so the next run builds again. */
const CHANGED_DURING_BUILD = [-1, -1];

export function manifestPath(root, target) {
  return path.join(root, target.out.replace(/\.js$/, '.manifest.json'));
}

/** [mtimeMs, size] of a path relative to root, or null when it does not exist. */
function look(root, rel) {
  const stat = statSync(path.join(root, rel), { throwIfNoEntry: false });
  return stat ? [stat.mtimeMs, stat.size] : null;
}

function same(a, b) {
  return a === null || b === null ? a === b : a[0] === b[0] && a[1] === b[1];
}

/** Why the target must be built, or undefined when its output is fresh. */
export function staleReason(root, target) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath(root, target), 'utf8'));
  } catch {
    return `${target.out} is missing`;
  }
  if (manifest.format !== FORMAT) return `${target.out} is from another build format`;
  for (const [rel, seen] of Object.entries(manifest.entries)) {
    if (!same(look(root, rel), seen))
      return manifest.outputs.includes(rel) ? `${rel} was replaced or removed` : `${rel} changed`;
  }
  return undefined;
}

/**
 * The manifest of a build that started at `startedAt` (Date.now()) from `inputs` (paths relative
 * to root). `outputs` maps each written .js file to its [mtimeMs, size]: a file later swapped for
 * another one (an overlapping build) or deleted then no longer matches its manifest.
 */
export function manifestOf(root, target, inputs, startedAt, outputs) {
  const entries = { ...outputs };
  for (const rel of inputs) {
    const seen = look(root, rel);
    entries[rel] = seen && seen[0] >= startedAt - CLOCK_SLACK_MS ? CHANGED_DURING_BUILD : seen;
  }
  return { format: FORMAT, target: target.name, outputs: Object.keys(outputs), entries };
}
