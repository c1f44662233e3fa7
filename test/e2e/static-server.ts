// A tiny static server for designer/dist on 127.0.0.1 with the same strict CSP the real server
// sends, so the canvas tests catch inline scripts or eval before the server exists; like the real
// server, it sends the build's compressed copies to a browser that accepts them.
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { compressedSibling } from '../../engine/src/http/content-encoding';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'";

export async function serveStatic(root: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0])).replace(/^(\.\.[/\\])+/, '');
    if (path.startsWith('/api/')) {
      res
        .writeHead(404, { 'Content-Type': 'application/json' })
        .end('{"error":{"code":"not_found","message":"no server"}}');
      return;
    }
    const file = join(root, path === '/' ? 'index.html' : path);
    try {
      const copy = await compressedSibling(file, req.headers['accept-encoding']);
      const body = await readFile(copy?.path ?? file);
      res.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Security-Policy': STRICT_CSP,
        ...(copy ? { 'Content-Encoding': copy.encoding } : {}),
      });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
