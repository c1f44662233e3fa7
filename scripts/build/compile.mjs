// Compiles one target with esbuild into a private temporary folder inside dist/, then moves the
// source map, the bundle and last its manifest into place, each with one atomic rename: a process
// starting meanwhile finds the old build or the new one, never half a file. The manifest records
// the stat of its own bundle, so should two builds ever overlap (lock.mjs took over a lock), a
// bundle swapped by the other one reads as stale, never as fresh.
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { manifestOf, manifestPath } from './manifest.mjs';
import { BUILD_INPUTS } from './targets.mjs';

/** A build folder older than this was left by a killed process. */
const ABANDONED_MS = 10 * 60_000;

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
 * exactly as from engine/src, and no source needs to know whether it runs compiled.
 */
function sourceImportMetaUrl(root, outDir) {
  return {
    name: 'source-import-meta-url',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (args.path.split(path.sep).includes('node_modules')) return undefined;
        const text = await readFile(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
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

function removeAbandoned(dist) {
  for (const entry of readdirSync(dist)) {
    if (!entry.startsWith('.build-')) continue;
    const full = path.join(dist, entry);
    const stat = statSync(full, { throwIfNoEntry: false });
    if (stat && Date.now() - stat.mtimeMs > ABANDONED_MS) rmSync(full, { recursive: true, force: true });
  }
}

/** Writes esbuild's output meant for `file` into the folder `tmp`; returns where it went. */
function writeInto(tmp, outputFiles, file) {
  const tmpFile = path.join(tmp, path.basename(file));
  writeFileSync(tmpFile, outputFiles.find((o) => o.path === file).contents);
  return tmpFile;
}

/** Builds `target` (see targets.mjs) under `root`. Throws when esbuild reports errors (already printed). */
export async function compile(root, target) {
  const startedAt = Date.now();
  const outFile = path.join(root, target.out);
  const dist = path.dirname(outFile);
  mkdirSync(dist, { recursive: true });
  removeAbandoned(dist);
  const tmp = mkdtempSync(path.join(dist, '.build-'));
  try {
    const result = await esbuild.build({
      absWorkingDir: root,
      entryPoints: [target.entry],
      // Paths inside the bundle and its map are computed for the final place; written below.
      outfile: outFile,
      write: false,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      // Stack traces point at the .ts files; the sources themselves stay out of the map.
      sourcemap: 'linked',
      sourcesContent: false,
      metafile: true,
      logLevel: 'error',
      plugins: [externalPackages(target.bundled), sourceImportMetaUrl(root, dist)],
    });
    const tmpMap = writeInto(tmp, result.outputFiles, `${outFile}.map`);
    const tmpOut = writeInto(tmp, result.outputFiles, outFile);
    const bundle = statSync(tmpOut);
    renameSync(tmpMap, `${outFile}.map`);
    renameSync(tmpOut, outFile);
    const inputs = [...sourceInputs(result.metafile), ...BUILD_INPUTS];
    const manifest = manifestOf(root, target, inputs, startedAt, [bundle.mtimeMs, bundle.size]);
    const tmpManifest = path.join(tmp, 'manifest.json');
    writeFileSync(tmpManifest, `${JSON.stringify(manifest)}\n`);
    renameSync(tmpManifest, manifestPath(root, target));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
