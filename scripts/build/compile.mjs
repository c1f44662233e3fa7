// Compiles one target with esbuild into a private temporary folder inside dist/, then moves the
// files into place, each with one atomic rename: chunks first (content-hashed names, so an
// existing one is only ever replaced by the same code), then the entry's source map, the entry
// and last the manifest. A process starting meanwhile finds the old build or the new one, never
// half a file. The manifest records the stat of every file it wrote, so should two builds ever
// overlap (lock.mjs took over a lock), a file swapped by the other one reads as stale.
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { manifestOf, manifestPath } from './manifest.mjs';
import { BUILD_INPUTS } from './targets.mjs';

/**
 * A build folder older than this was left by a killed process; a chunk no longer part of the
 * build and older than this cannot be loaded any more by a CLI started before the rebuild.
 */
const LEFT_BEHIND_MS = 10 * 60_000;

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Packages stay in node_modules unless the target bundles them (and then their own imports too). */
function externalPackages(bundled) {
  return {
    name: 'external-packages',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        if (bundled.includes(packageName(args.path))) return undefined;
        if (args.importer.split(path.sep).includes('node_modules')) return undefined;
        return { path: args.path, external: true };
      });
    },
  };
}

/**
 * `import.meta.url` keeps meaning "this source file" inside the bundle: files found by path next to
 * their code (the migrations folders, the repository root of main.ts) are then found from dist/
 * exactly as from engine/src, and no source needs to know whether it runs compiled. In a split
 * build nobody knows beforehand which chunk (and folder) a module lands in, so there it is an error.
 */
function sourceImportMetaUrl(outDir, split) {
  return {
    name: 'source-import-meta-url',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (args.path.split(path.sep).includes('node_modules')) return undefined;
        const text = await readFile(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        if (split)
          return {
            errors: [{ text: 'import.meta.url in a code-split target: its chunk folder is not known' }],
          };
        const fromOut = path.relative(outDir, args.path).split(path.sep).join('/');
        const url = `new URL(${JSON.stringify(fromOut)}, import.meta.url).href`;
        return { contents: text.replaceAll('import.meta.url', url), loader: 'ts' };
      });
    },
  };
}

/** The repository's own files the bundle was made of, and the folders holding them. */
function sourceInputs(metafile) {
  const files = Object.keys(metafile.inputs).filter(
    (f) => !f.startsWith('<') && !f.split('/').includes('node_modules'),
  );
  const dirs = new Set(files.map((f) => path.posix.dirname(f)));
  return [...files, ...dirs];
}

/** Removes entries of `dir` older than LEFT_BEHIND_MS that `keep` does not name. */
function removeLeftBehind(dir, keep = () => false) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (keep(full)) continue;
    const stat = statSync(full, { throwIfNoEntry: false });
    if (stat && Date.now() - stat.mtimeMs > LEFT_BEHIND_MS) rmSync(full, { recursive: true, force: true });
  }
}

function esbuildOptions(root, target, dist) {
  return {
    absWorkingDir: root,
    entryPoints: { [path.basename(target.out, '.js')]: target.entry },
    outdir: dist,
    entryNames: '[name]',
    ...(target.chunks
      ? {
          splitting: true,
          chunkNames: `${path.relative(dist, path.join(root, target.chunks))}/[name]-[hash]`,
        }
      : {}),
    // Paths inside the bundle and its maps are computed for the final place; written by us.
    write: false,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Stack traces point at the .ts files; the sources themselves stay out of the maps.
    sourcemap: 'linked',
    sourcesContent: false,
    metafile: true,
    logLevel: 'error',
    plugins: [externalPackages(target.bundled), sourceImportMetaUrl(dist, Boolean(target.chunks))],
  };
}

/**
 * Writes esbuild's output files under `tmp` (same relative places as under `dist`) and returns
 * them in the order they may be renamed into place: chunks, then the entry's map, the entry.
 */
function writeAll(outputFiles, dist, tmp, entry) {
  const rank = (file) => (file === entry ? 2 : file === `${entry}.map` ? 1 : 0);
  const files = outputFiles.map((o) => o.path).sort((a, b) => rank(a) - rank(b));
  for (const o of outputFiles) {
    const staged = path.join(tmp, path.relative(dist, o.path));
    mkdirSync(path.dirname(staged), { recursive: true });
    writeFileSync(staged, o.contents);
  }
  return files.map((file) => ({ file, staged: path.join(tmp, path.relative(dist, file)) }));
}

/** Builds `target` (see targets.mjs) under `root`. Throws when esbuild reports errors (already printed). */
export async function compile(root, target) {
  const startedAt = Date.now();
  const entry = path.join(root, target.out);
  const dist = path.dirname(entry);
  mkdirSync(dist, { recursive: true });
  removeLeftBehind(dist, (full) => !path.basename(full).startsWith('.build-'));
  const tmp = mkdtempSync(path.join(dist, '.build-'));
  try {
    const result = await esbuild.build(esbuildOptions(root, target, dist));
    const outputs = {};
    for (const { file, staged } of writeAll(result.outputFiles, dist, tmp, entry)) {
      const stat = statSync(staged);
      if (file.endsWith('.js'))
        outputs[path.relative(root, file).split(path.sep).join('/')] = [stat.mtimeMs, stat.size];
      mkdirSync(path.dirname(file), { recursive: true });
      renameSync(staged, file);
    }
    const inputs = [...sourceInputs(result.metafile), ...BUILD_INPUTS];
    const staged = path.join(tmp, 'manifest.json');
    writeFileSync(staged, `${JSON.stringify(manifestOf(root, target, inputs, startedAt, outputs))}\n`);
    renameSync(staged, manifestPath(root, target));
    if (target.chunks) {
      const built = new Set(result.outputFiles.map((o) => o.path));
      removeLeftBehind(
        path.join(root, target.chunks),
        (full) => built.has(full) || built.has(full.replace(/\.map$/, '')),
      );
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
