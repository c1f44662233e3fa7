// What `dist/` holds: the CLI and the server compiled to JavaScript, so neither compiles
// TypeScript when it starts. Plain JavaScript on purpose: `bin/callflow.js` and `npm start`
// import these modules before anything could compile TypeScript.
import { fileURLToPath } from 'node:url';

/** The repository root: dist/, the sources and node_modules are all found from here. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The pure core's packages: browser-safe ESM that Vite bundles for the designer as well. The CLI
 * carries them inside its bundle, because loading them from node_modules file by file was most of
 * `callflow validate`'s start-up. Every other package stays in node_modules (native addons,
 * files read by path, one copy shared with the server).
 */
export const CORE_PACKAGES = ['@sinclair/typebox', '@noble/hashes', 'chrono-node', 'libphonenumber-js'];

/**
 * name → entry point (from the repository root), output file, packages bundled in, and where
 * code split off the entry goes: the CLI loads each command on demand (`engine/src/cli/registry.ts`),
 * so what only one command needs sits in a chunk of its own (content-hashed names) and `validate`
 * never parses it. The server loads everything at start anyway: one file.
 */
export const TARGETS = {
  cli: {
    entry: 'engine/src/cli/main.ts',
    out: 'dist/cli.js',
    chunks: 'dist/cli-chunks',
    bundled: CORE_PACKAGES,
  },
  server: { entry: 'engine/src/main.ts', out: 'dist/server.js', bundled: [] },
};

/**
 * Files that change a build without being part of its import graph. Dependencies are covered by
 * npm's own record of what it installed (node_modules/.package-lock.json), rewritten by every
 * `npm ci` / `npm install`, so no file inside node_modules needs to be looked at.
 */
export const BUILD_INPUTS = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'node_modules/.package-lock.json',
  'scripts/build/targets.mjs',
  'scripts/build/manifest.mjs',
  'scripts/build/compile.mjs',
];

export function targetNamed(name) {
  const target = TARGETS[name];
  if (!target) throw new Error(`unknown build target "${name}" (known: ${Object.keys(TARGETS).join(', ')})`);
  return { name, ...target };
}
