// A Vite plugin that writes a brotli (.br) and a gzip (.gz) copy beside every text file of the
// build, once, at build time: the server then sends the smaller copy to browsers that accept it
// (engine/src/http/static-files.ts) without compressing anything per request. Brotli quality 9:
// 11 saves another ~7 % on the main bundle but takes ~10× as long, which every fresh `npm start`
// and every browser test run would pay.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const TEXT = /\.(js|mjs|css|html|svg|json|txt)$/;
/** Below this, headers and the decoder cost more than the bytes saved. */
const MIN_BYTES = 1024;
const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'callflow-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async writeBundle(_options, bundle) {
      const files = [...Object.keys(bundle), 'index.html'].filter(
        (f, i, all) => TEXT.test(f) && all.indexOf(f) === i,
      );
      await Promise.all(
        files.map(async (name) => {
          const file = path.join(outDir, name);
          const body = await readFile(file).catch(() => undefined);
          if (!body || body.length < MIN_BYTES) return;
          const [br, gz] = await Promise.all([
            brotli(body, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: 9,
                [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
              },
            }),
            gzipped(body, { level: 9 }),
          ]);
          await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gz)]);
        }),
      );
    },
  };
}
