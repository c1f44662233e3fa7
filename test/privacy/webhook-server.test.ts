// Webhook delivery of a stored note through the server's privacy core, to a real receiver on
// loopback: a 500, a receiver that never answers (timeout), a receiver that is down (connection
// refused) — each retried on the backoff schedule — then success, exactly one accepted delivery,
// one idempotency key throughout, and log lines that validate. The clock is manual so the
// 10 s / 20 s / 40 s backoff is checked without waiting.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '../../engine/src/delivery/signature';
import { sendWebhook } from '../../engine/src/delivery/webhook-sender';
import { expectValid } from '../../engine/src/log/capture.test-helper';
import { noteWith } from './records-env';
import { serverEnv, type ServerEnv } from './server-env';

let clock = Date.parse('2026-03-02T09:00:00Z');
let env: ServerEnv;
let server: Server;
let port = 0;
const statuses: number[] = [];
const seen: { key: string; signature: string; body: string }[] = [];

function listen(): Promise<void> {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({
        key: String(req.headers['idempotency-key']),
        signature: String(req.headers['callflow-signature']),
        body,
      });
      const status = statuses.shift() ?? 200;
      if (status !== 0) res.writeHead(status).end();
    });
  });
  return new Promise((ok) =>
    server.listen(port, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      ok();
    }),
  );
}
const down = () =>
  new Promise<void>((ok) => {
    server.closeAllConnections();
    server.close(() => ok());
  });

beforeAll(async () => {
  await listen();
  // Signed with the manual clock; a 2 s timeout: the "never answers" case stays quick, a loaded CI machine still answers in time.
  env = await serverEnv({
    now: () => clock,
    send: (t, k, b) => sendWebhook(t, k, b, { timeoutMs: 2_000, nowSeconds: clock / 1000 }),
  });
});
afterAll(async () => {
  env.close();
  await down().catch(() => undefined);
  env.remove();
});

describe('webhook delivery through the server', () => {
  it('retries 500, timeout and a down receiver with backoff, then delivers exactly once', async () => {
    const record = noteWith('Webhook');
    statuses.push(500, 0);
    await env.records.accept({
      tenantId: env.tenantId,
      flowId: 'f',
      flowVersion: null,
      record,
      retention: { mode: 'ttl', days: 3 },
      zeroPersistence: false,
      delivery: { inbox: false, webhookUrl: `http://127.0.0.1:${port}/hook` },
    });
    const pending = async () => (await env.store.callNotes.get(env.tenantId, record.txId))?.webhook;
    await env.records.worker.runOnce(); // the sink's kick may already be running: share its pass
    const schedule: number[] = [];
    // attempt 1 (500) — may have happened in the kick; make sure it did.
    while ((await pending())?.attempts === 0) await env.records.worker.runOnce();
    schedule.push((await pending())!.nextAttemptAt - clock);
    clock += 10_000;
    await env.records.worker.runOnce(); // attempt 2: never answered → timeout
    schedule.push((await pending())!.nextAttemptAt - clock);
    await down();
    clock += 20_000;
    await env.records.worker.runOnce(); // attempt 3: connection refused
    schedule.push((await pending())!.nextAttemptAt - clock);
    clock += 39_000;
    expect(await env.records.worker.runOnce()).toBe(0); // not due yet: nothing sent
    await listen();
    clock += 1_000;
    expect(await env.records.worker.runOnce()).toBe(1); // attempt 4: accepted

    expect(schedule).toEqual([10_000, 20_000, 40_000]);
    expect(await pending()).toBeNull();
    const accepted = seen.filter((s) => s.body.length > 0);
    expect(new Set(accepted.map((s) => s.key))).toEqual(new Set([record.txId]));
    const secret = env.records.webhookSecret(env.tenantId);
    expect(
      verifyWebhookSignature(secret, accepted.at(-1)!.signature, accepted.at(-1)!.body, clock / 1000),
    ).toBe('ok');
    // The note stays until its ttl (the webhook is not its only copy the business may need).
    expect(await env.store.callNotes.get(env.tenantId, record.txId)).toBeDefined();

    const lines = env.logs.lines().filter((l) => l.event === 'delivery.webhook');
    for (const l of env.logs.lines()) expectValid(l);
    expect(lines.map((l) => [l.outcome, l.code ?? null])).toEqual([
      ['retry', 'webhook.http_status'],
      ['retry', 'webhook.timeout'],
      ['retry', 'webhook.network'],
      ['ok', null],
    ]);
    expect(env.logs.raw()).not.toContain('Webhook');
  });
});
