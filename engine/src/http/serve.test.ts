// The Node wiring later transports rely on: WebSocket routes through upgradeWebSocket, and the
// graceful drain that lets open calls finish, then cuts them at the grace limit.
import { Hono } from 'hono';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { coalescedSender } from './coalesced-writes';
import { startServer, upgradeWebSocket, type RunningServer } from './serve';
import { hasOpenssl, selfSignedCert } from '../../../test/harness/self-signed-cert';

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.drain(0);
  running = undefined;
});

function echoApp() {
  const app = new Hono();
  app.get(
    '/echo',
    upgradeWebSocket(() => ({ onMessage: (evt, ws) => ws.send(`echo:${String(evt.data)}`) })),
  );
  app.get('/plain', (c) => c.text('ok'));
  return app;
}

async function connect(port: number): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/echo`);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return ws;
}

describe('startServer', () => {
  it('serves WebSocket routes and counts open sockets as running calls', async () => {
    running = await startServer(echoApp().fetch, { port: 0, host: '127.0.0.1', tls: undefined });
    const ws = await connect(running.port);
    const reply = new Promise<string>((r) => ws.once('message', (d) => r(String(d))));
    ws.send('hallo');
    expect(await reply).toBe('echo:hallo');
    expect(running.activeCalls()).toBe(1);
    ws.close();
  });

  it('knows the connection under each WebSocket, so a burst of messages is one write', async () => {
    const app = new Hono();
    let coalescing = false;
    app.get(
      '/burst',
      upgradeWebSocket(() => ({
        onMessage: (_evt, ws) => {
          const send = (text: string) => ws.send(text);
          const burst = coalescedSender(ws.raw, send);
          coalescing = burst !== send;
          for (let i = 0; i < 5; i++) burst(`frame ${i}`);
        },
      })),
    );
    running = await startServer(app.fetch, { port: 0, host: '127.0.0.1', tls: undefined });
    const ws = new WebSocket(`ws://127.0.0.1:${running.port}/burst`);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    const got: string[] = [];
    const all = new Promise<void>((r) => ws.on('message', (d) => got.push(String(d)) === 5 && r()));
    ws.send('go');
    await all;
    expect(coalescing).toBe(true);
    expect(got).toEqual(['frame 0', 'frame 1', 'frame 2', 'frame 3', 'frame 4']);
    ws.close();
  });

  it('lets a call finish within the grace period, and cuts it after', async () => {
    running = await startServer(echoApp().fetch, { port: 0, host: '127.0.0.1', tls: undefined });
    const finishing = await connect(running.port);
    setTimeout(() => finishing.close(), 100);
    expect(await running.drain(5_000)).toEqual({ leftOpen: 0 });
    running = await startServer(echoApp().fetch, { port: 0, host: '127.0.0.1', tls: undefined });
    const stuck = await connect(running.port);
    const closed = new Promise((r) => stuck.once('close', r));
    const started = Date.now();
    expect(await running.drain(200)).toEqual({ leftOpen: 1 });
    await closed;
    expect(Date.now() - started).toBeLessThan(5_000);
    running = undefined;
  });

  it('stops accepting new connections once draining', async () => {
    running = await startServer(echoApp().fetch, { port: 0, host: '127.0.0.1', tls: undefined });
    const port = running.port;
    expect(await (await fetch(`http://127.0.0.1:${port}/plain`)).text()).toBe('ok');
    await running.drain(0);
    running = undefined;
    await expect(fetch(`http://127.0.0.1:${port}/plain`)).rejects.toThrow();
  });
});

describe('built-in TLS', () => {
  it.skipIf(!hasOpenssl())('serves https with TLS_CERT_FILE / TLS_KEY_FILE', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'callflow-tls-'));
    try {
      const { certFile, keyFile } = selfSignedCert(dir);
      running = await startServer(echoApp().fetch, {
        port: 0,
        host: '127.0.0.1',
        tls: { certFile, keyFile },
      });
      const body = await new Promise<string>((resolve, reject) => {
        const req = httpsRequest(
          { host: '127.0.0.1', port: running?.port, path: '/plain', ca: readFileSync(certFile) },
          (res) => {
            let text = '';
            res.on('data', (d) => (text += String(d)));
            res.on('end', () => resolve(text));
          },
        );
        req.on('error', reject);
        req.end();
      });
      expect(body).toBe('ok');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
