// Serves the built designer (SPA: unknown paths fall back to index.html) and the API reference
// page (Swagger UI from the installed swagger-ui-dist package — no CDN, no inline script).
import type { Env, Hono } from 'hono';
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { compressedSibling } from './content-encoding';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

async function fileIn(root: string, requestPath: string): Promise<string | undefined> {
  const decoded = (() => {
    try {
      return decodeURIComponent(requestPath);
    } catch {
      return undefined;
    }
  })();
  if (decoded === undefined || decoded.includes('\0')) return undefined;
  const full = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  if (full !== root && !full.startsWith(root + path.sep)) return undefined;
  const info = await stat(full).catch(() => undefined);
  return info?.isFile() ? full : undefined;
}

/** Text types worth compressing; a compressed copy exists only for these (see content-encoding.ts). */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.map', '.txt']);

async function send(file: string, cache: string, acceptEncoding?: string): Promise<Response> {
  const compressible = COMPRESSIBLE.has(path.extname(file));
  const copy = compressible ? await compressedSibling(file, acceptEncoding) : undefined;
  const body = await readFile(copy?.path ?? file);
  return new Response(body, {
    headers: {
      'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Cache-Control': cache,
      ...(copy ? { 'Content-Encoding': copy.encoding } : {}),
      // Caches must keep the compressed and the plain answer apart.
      ...(compressible ? { Vary: 'Accept-Encoding' } : {}),
    },
  });
}

const NOT_BUILT = `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>Callflow</title></head>
<body><h1>Callflow</h1>
<p>Der Designer ist noch nicht gebaut: <code>npm run build:designer</code> ausführen.<br>
The designer is not built yet: run <code>npm run build:designer</code>.</p>
<p><a href="/api/docs">API-Dokumentation / API reference</a></p></body></html>`;

export function designerRoutes<E extends Env>(app: Hono<E>, designerDir: string): void {
  app.get('*', async (c, next) => {
    if (c.req.path.startsWith('/api/') || c.req.path === '/api') return next();
    const asset = await fileIn(designerDir, c.req.path);
    const acceptEncoding = c.req.header('accept-encoding');
    // Vite puts content-hashed files under /assets: safe to cache for a year.
    if (asset)
      return send(
        asset,
        c.req.path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        acceptEncoding,
      );
    const index = path.join(designerDir, 'index.html');
    if (await stat(index).catch(() => undefined)) return send(index, 'no-cache', acceptEncoding);
    return c.html(NOT_BUILT);
  });
}

const DOCS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Callflow API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body></html>`;

const DOCS_INIT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', withCredentials: true });
});
`;

const DOCS_FILES = new Set([
  'swagger-ui.css',
  'swagger-ui-bundle.js',
  'favicon-32x32.png',
  'favicon-16x16.png',
]);

export function docsRoutes<E extends Env>(app: Hono<E>): void {
  const dir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  app.get('/api/docs', (c) => c.html(DOCS_PAGE));
  app.get('/api/docs/init.js', (c) =>
    c.body(DOCS_INIT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }),
  );
  app.get('/api/docs/:file', async (c) => {
    const name = c.req.param('file');
    if (!DOCS_FILES.has(name)) return c.notFound();
    return send(path.join(dir, name), 'public, max-age=86400');
  });
}
