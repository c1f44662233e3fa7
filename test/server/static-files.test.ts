// The designer's files go out compressed to browsers that accept it: the build writes the copies
// (the real Vite plugin runs here on a small fake build), the server picks one per request.
import { Hono } from 'hono';
import { mkdtempSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompress } from '../../designer/build/precompress';
import { acceptedEncodings } from '../../engine/src/http/content-encoding';
import { designerRoutes } from '../../engine/src/http/static-files';

let dir: string;
let app: Hono;
// Repetitive like a real bundle, so compression has something to find.
const SCRIPT = Array.from({ length: 400 }, (_, i) => `export const schritt${i} = "Begrüßung ${i}";`).join(
  '\n',
);
const HTML = `<!doctype html><html lang="de"><head><script type="module" src="/assets/index-abc.js"></script></head><body>${'<div></div>'.repeat(200)}</body></html>`;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'callflow-static-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), HTML);
  writeFileSync(path.join(dir, 'assets/index-abc.js'), SCRIPT);
  writeFileSync(path.join(dir, 'assets/tiny-abc.js'), 'export {};');
  writeFileSync(path.join(dir, 'assets/logo.png'), Buffer.alloc(4096, 7));
  const plugin = precompress() as unknown as {
    configResolved(c: { root: string; build: { outDir: string } }): void;
    writeBundle(o: unknown, b: Record<string, unknown>): Promise<void>;
  };
  plugin.configResolved({ root: dir, build: { outDir: '.' } });
  await plugin.writeBundle(
    {},
    { 'assets/index-abc.js': {}, 'assets/tiny-abc.js': {}, 'assets/logo.png': {} },
  );
  app = new Hono();
  designerRoutes(app, dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const get = (p: string, acceptEncoding?: string) =>
  app.request(p, { headers: acceptEncoding ? { 'Accept-Encoding': acceptEncoding } : {} });

describe('compressed designer files', () => {
  it('a browser that accepts brotli gets the brotli copy of a bundle, the same script once decoded', async () => {
    const res = await get('/assets/index-abc.js', 'gzip, deflate, br, zstd');
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toContain('immutable');
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.length).toBeLessThan(Buffer.byteLength(SCRIPT) / 4);
    expect(brotliDecompressSync(body).toString()).toBe(SCRIPT);
  });

  it('gzip when brotli is not accepted or weighted lower; plain when nothing is accepted', async () => {
    for (const header of ['gzip', 'br;q=0, gzip', 'br;q=0.5, gzip;q=0.9']) {
      const res = await get('/assets/index-abc.js', header);
      expect([header, res.headers.get('content-encoding')]).toEqual([header, 'gzip']);
      expect(gunzipSync(Buffer.from(await res.arrayBuffer())).toString()).toBe(SCRIPT);
    }
    for (const header of [undefined, 'identity', 'br;q=0, gzip;q=0', 'compress']) {
      const res = await get('/assets/index-abc.js', header);
      expect([header, res.headers.get('content-encoding')]).toEqual([header, null]);
      expect(await res.text()).toBe(SCRIPT);
    }
  });

  it('the page itself (also as the fallback of a deep link) goes out compressed, and is never cached long', async () => {
    for (const p of ['/', '/flows/praxis/schritt/begruessung']) {
      const res = await get(p, 'br');
      expect([p, res.headers.get('content-encoding'), res.headers.get('cache-control')]).toEqual([
        p,
        'br',
        'no-cache',
      ]);
      expect(brotliDecompressSync(Buffer.from(await res.arrayBuffer())).toString()).toBe(HTML);
    }
  });

  it('tiny files and images are sent as they are', async () => {
    const tiny = await get('/assets/tiny-abc.js', 'br');
    expect([tiny.headers.get('content-encoding'), await tiny.text()]).toEqual([null, 'export {};']);
    const png = await get('/assets/logo.png', 'br');
    expect(png.headers.get('content-encoding')).toBeNull();
    expect(png.headers.get('vary')).toBeNull();
    expect(Buffer.from(await png.arrayBuffer()).equals(Buffer.alloc(4096, 7))).toBe(true);
  });

  it('a copy older than its file (left from an earlier build) is never sent', async () => {
    const file = path.join(dir, 'assets/index-abc.js');
    const changed = SCRIPT.replace('schritt0', 'schrittNeu');
    writeFileSync(file, changed);
    const later = new Date(Date.now() + 60_000);
    utimesSync(file, later, later);
    const res = await get('/assets/index-abc.js', 'br, gzip');
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(await res.text()).toBe(changed);
  });
});

describe('acceptedEncodings', () => {
  it('orders by weight, then brotli first; q=0 and unknown names are not acceptable; * covers the rest', () => {
    expect(acceptedEncodings('gzip, br')).toEqual(['br', 'gzip']);
    expect(acceptedEncodings('gzip;q=1, br;q=0.8')).toEqual(['gzip', 'br']);
    expect(acceptedEncodings('GZIP ; Q=0.5')).toEqual(['gzip']);
    expect(acceptedEncodings('*;q=0.2, br;q=0')).toEqual(['gzip']);
    expect(acceptedEncodings('deflate, identity')).toEqual([]);
    expect(acceptedEncodings('')).toEqual([]);
  });
});
