// The designer as browser tests see it: built into a folder of the test's own (so parallel
// browser tests never rebuild a shared designer/dist under each other), served statically with
// /api passed through to a real server on loopback, cookies included.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { ADMIN, startServer, type RunningServer } from './server';

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
  // A streamed answer (the inbox's live events) ends when the browser goes away.
  const gone = new AbortController();
  res.on('close', () => gone.abort());
  const r = await fetch(api + (req.url ?? '/'), {
    method: req.method,
    headers,
    body: chunks.length ? Buffer.concat(chunks) : undefined,
    signal: gone.signal,
  });
  const out: Record<string, string | string[]> = {};
  r.headers.forEach((v, k) => {
    if (k !== 'set-cookie' && k !== 'content-encoding' && k !== 'content-length') out[k] = v;
  });
  const cookies = r.headers.getSetCookie();
  if (cookies.length) out['set-cookie'] = cookies;
  res.writeHead(r.status, out);
  // Passed on as it comes, so server-sent events reach the page when they are sent.
  if (r.body) await pipeline(Readable.fromWeb(r.body as NodeReadableStream), res).catch(() => undefined);
  else res.end();
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
      if (!res.headersSent) res.writeHead(502).end();
      else res.end();
    }
  });
  // WebSockets under /api (the voice test call) go through as raw TCP, headers unchanged: the
  // server sees the page's Origin and the proxy's Host, as behind a plain reverse proxy.
  s.on('upgrade', (req: IncomingMessage, socket, head: Buffer) => {
    if (!req.url?.startsWith('/api/')) return socket.destroy();
    const target = new URL(api);
    const upstream = connect(Number(target.port), target.hostname, () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2)
        lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      upstream.write(lines.join('\r\n') + '\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(socket).pipe(upstream);
    });
    const end = () => (upstream.destroy(), socket.destroy());
    upstream.on('error', end);
    socket.on('error', end);
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

/** `env`: more server settings; `browserArgs`: more Chromium switches. */
export async function openDesigner(
  options: { env?: Record<string, string>; browserArgs?: readonly string[] } = {},
): Promise<DesignerSession> {
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
    const server = await startServer(options.env);
    undo.push(() => server.stop());
    const proxy = await serveWithApi(distDir, server.url);
    undo.push(() => new Promise<void>((r) => proxy.server.close(() => r())));
    const b = await launchBrowser(options.browserArgs);
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

/** Wednesday 10:00 in Berlin: the doctor's practice is open, so an emergency transfer rings. */
export const OPEN_PRACTICE_AT = '2026-11-25T10:00:00+01:00';

/** A caller with chest pain; nobody answers the transfer, so the urgent callback takes `number` (spoken). */
export const urgentCall = (name: string, number: string) => [
  { say: 'Ja' },
  { say: name },
  { say: 'Ich habe Schmerzen in der Brust' },
  { handoff: 'no-answer' },
  { say: number },
  { say: 'ja' },
];

/** Logs the demo owner in on the login screen (German or English). */
export async function logIn(p: Page): Promise<void> {
  await p.getByLabel(/E-?Mail/i).fill(ADMIN.email);
  await p.getByLabel(/Passwor/).fill(ADMIN.password);
  await p.getByRole('button', { name: /^(Anmelden|Log in)$/ }).click();
}
