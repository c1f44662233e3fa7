// The designer as browser tests see it: built into a folder of the test's own (so parallel
// browser tests never rebuild a shared designer/dist under each other), served statically with
// /api passed through to a real server on loopback, cookies included.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { startServer, type RunningServer } from './server';

const ROOT = join(__dirname, '../..');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

export function buildInto(outDir: string): void {
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'designer/vite.config.ts',
      '--outDir',
      outDir,
      '--emptyOutDir',
      '--logLevel',
      'error',
    ],
    {
      cwd: ROOT,
      stdio: 'pipe',
      timeout: 60_000,
    },
  );
}

async function forward(req: IncomingMessage, res: ServerResponse, api: string): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers))
    if (typeof v === 'string' && k !== 'host') headers.set(k, v);
  const r = await fetch(api + (req.url ?? '/'), {
    method: req.method,
    headers,
    body: chunks.length ? Buffer.concat(chunks) : undefined,
  });
  const out: Record<string, string | string[]> = {};
  r.headers.forEach((v, k) => {
    if (k !== 'set-cookie' && k !== 'content-encoding' && k !== 'content-length') out[k] = v;
  });
  const cookies = r.headers.getSetCookie();
  if (cookies.length) out['set-cookie'] = cookies;
  res.writeHead(r.status, out).end(Buffer.from(await r.arrayBuffer()));
}

/** Static files from `dir`; everything under /api/ passed on to the server unchanged. */
export async function serveWithApi(dir: string, api: string): Promise<{ server: Server; url: string }> {
  const s = createServer(async (req, res) => {
    const url = req.url ?? '/';
    try {
      if (url.startsWith('/api/')) return await forward(req, res, api);
      const path = normalize(decodeURIComponent(url.split('?')[0])).replace(/^(\.\.[/\\])+/, '');
      const file = join(dir, path === '/' ? 'index.html' : path);
      const body = await readFile(file).catch(() => readFile(join(dir, 'index.html')));
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'text/html; charset=utf-8' }).end(body);
    } catch {
      res.writeHead(502).end();
    }
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return { server: s, url: `http://127.0.0.1:${(s.address() as AddressInfo).port}` };
}

/** The designer in a real browser against a real server: built, proxied, a German-locale page. */
export interface DesignerSession {
  readonly server: RunningServer;
  readonly appUrl: string;
  readonly page: Page;
  close(): Promise<void>;
}

export async function openDesigner(): Promise<DesignerSession> {
  // Everything started here is stopped again if a later step fails (no browser, a server that
  // does not come up): a failed set-up must not leave a server process running after the tests.
  const undo: (() => Promise<void> | void)[] = [];
  const close = async () => {
    for (const step of undo.splice(0).reverse()) await step();
  };
  try {
    const distDir = mkdtempSync(join(tmpdir(), 'callflow-designer-'));
    undo.push(() => rmSync(distDir, { recursive: true, force: true }));
    buildInto(distDir);
    const server = await startServer();
    undo.push(() => server.stop());
    const proxy = await serveWithApi(distDir, server.url);
    undo.push(() => new Promise<void>((r) => proxy.server.close(() => r())));
    const b = await launchBrowser();
    undo.push(() => b.close());
    const context = await b.browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'de-DE' });
    const page = await context.newPage();
    return { server, appUrl: proxy.url, page, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** A caller of the doctor's-office example asking for a repeat prescription, turn by turn (/simulate). */
export const PRESCRIPTION_CALL = [
  { say: 'Ja, gerne.' },
  { say: 'Mein Name ist Anna Schmidt' },
  { say: 'dritter März neunzehnhundertachtzig' },
  { say: 'ja' },
  { say: 'null eins sieben eins, eins zwei drei vier fünf sechs sieben' },
  { say: 'Ja, genau.' },
  { say: 'Ich brauche ein Folgerezept für meine Blutdrucktabletten.' },
  { say: 'Ramipril fünf Milligramm' },
];
