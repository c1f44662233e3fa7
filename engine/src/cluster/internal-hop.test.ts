import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { get as httpsGet } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { freePort } from '../../../test/harness/free-port';
import { hasOpenssl, selfSignedCert } from '../../../test/harness/self-signed-cert';
import { upgradeWebSocket } from '../http/serve';
import { createInternalHop, hopKey, signHop, verifyHop } from './internal-hop';

const key = hopKey(randomBytes(32));
const now = Date.parse('2026-12-07T15:00:00Z');

describe('internal hop signatures', () => {
  it('accept the request they were made for, within a minute either way', () => {
    const header = signHop(key, 'POST', '/twilio/status?owner=o1.x', now);
    expect(verifyHop(key, header, 'POST', '/twilio/status?owner=o1.x', now + 59_000)).toBe(true);
    expect(verifyHop(key, header, 'POST', '/twilio/status?owner=o1.x', now - 59_000)).toBe(true);
  });

  it('refuse another path or method, a stale or future one, another master key, or none', () => {
    const header = signHop(key, 'POST', '/twilio/status', now);
    expect(verifyHop(key, header, 'POST', '/twilio/dial-action', now)).toBe(false);
    expect(verifyHop(key, header, 'GET', '/twilio/status', now)).toBe(false);
    expect(verifyHop(key, header, 'POST', '/twilio/status', now + 61_000)).toBe(false);
    expect(verifyHop(key, header, 'POST', '/twilio/status', now - 61_000)).toBe(false);
    expect(verifyHop(hopKey(randomBytes(32)), header, 'POST', '/twilio/status', now)).toBe(false);
    expect(verifyHop(key, undefined, 'POST', '/twilio/status', now)).toBe(false);
    expect(verifyHop(key, 'v1.x.y', 'POST', '/twilio/status', now)).toBe(false);
  });
});

describe('the internal hop between two instances (TLS on loopback)', () => {
  it.skipIf(!hasOpenssl())(
    'relays a socket with what its client sent, forwards a callback, and serves nothing unsigned',
    async () => {
      const pki = mkdtempSync(join(tmpdir(), 'callflow-hop-test-'));
      const servers: Server[] = [];
      let owner: ReturnType<typeof createInternalHop> | undefined;
      try {
        const { certFile, keyFile } = selfSignedCert(pki);
        const master = randomBytes(32);
        const port = await freePort();
        const config = {
          url: `https://127.0.0.1:${port}`,
          port,
          certFile,
          keyFile,
          caFile: certFile,
        };
        // The owner instance: an app with a socket that answers with the caller's cookie.
        const app = new Hono();
        app.get(
          '/echo',
          upgradeWebSocket((c) => ({
            onMessage: (evt, ws) => ws.send(`${c.req.header('cookie')}|${String(evt.data)}`),
          })),
        );
        app.post('/twilio/status', async (c) => c.text(`owner got ${await c.req.text()}`));
        owner = createInternalHop(config, master, 0);
        await owner.listen(app.fetch, '127.0.0.1');

        // The instance a client landed on: it only relays.
        const landed = createInternalHop({ ...config, port: 1 }, master, 0);
        const front = createServer((_req, res) => res.writeHead(404).end());
        front.on('upgrade', (req, socket, head) =>
          landed.relayUpgrade({ instance: config.url, worker: 0 }, req, socket, head),
        );
        servers.push(front);
        await new Promise<void>((ok) => front.listen(0, '127.0.0.1', ok));
        const client = new WebSocket(`ws://127.0.0.1:${(front.address() as AddressInfo).port}/echo`, {
          headers: { cookie: 'callflow_session=s1' },
        });
        const reply = new Promise<string>((ok) => client.once('message', (d) => ok(String(d))));
        await new Promise((ok, fail) => (client.once('open', ok), client.once('error', fail)));
        client.send('hallo');
        expect(await reply).toBe('callflow_session=s1|hallo');
        client.close();

        const forwarded = await landed.forward(
          { instance: config.url, worker: 0 },
          new Request('http://127.0.0.1/twilio/status?owner=x', {
            method: 'POST',
            body: 'CallStatus=completed',
          }),
        );
        expect(await forwarded.text()).toBe('owner got CallStatus=completed');

        // Straight to the owner's internal port without a hop signature: refused.
        const status = await new Promise<number>((ok, fail) =>
          httpsGet({ host: '127.0.0.1', port, path: '/echo', ca: readFileSync(config.caFile) }, (res) => {
            res.resume();
            ok(res.statusCode ?? 0);
          }).on('error', fail),
        );
        expect(status).toBe(403);
      } finally {
        for (const s of servers) {
          s.closeAllConnections();
          s.close();
        }
        await owner?.close();
        rmSync(pki, { recursive: true, force: true });
      }
    },
    30_000,
  );
});
