import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GIVE_UP_AFTER_MS, nextRetryDelay } from './backoff';
import { RamDeliveryQueue, type Scheduler } from './ram-queue';
import { signWebhook, verifyWebhookSignature } from './signature';
import { sendWebhook } from './webhook-sender';

const SECRET = 'whsec_test_secret';

describe('webhook signature', () => {
  const body = '{"txId":"tx-1"}';
  it('verifies its own signature and rejects tampering, wrong secrets and replays', () => {
    const header = signWebhook(SECRET, body, 1_700_000_000);
    expect(verifyWebhookSignature(SECRET, header, body, 1_700_000_010)).toBe('ok');
    expect(verifyWebhookSignature(SECRET, header, body.replace('1', '2'), 1_700_000_010)).toBe('mismatch');
    expect(verifyWebhookSignature('other', header, body, 1_700_000_010)).toBe('mismatch');
    expect(verifyWebhookSignature(SECRET, header, body, 1_700_000_000 + 301)).toBe('too-old');
    expect(verifyWebhookSignature(SECRET, 'garbage', body, 1_700_000_000)).toBe('malformed');
    expect(verifyWebhookSignature(SECRET, undefined, body, 1_700_000_000)).toBe('malformed');
  });
});

describe('backoff', () => {
  it('doubles from 10 s, caps at 1 h, and gives up after 24 h', () => {
    expect(nextRetryDelay(1, 0, 0)).toBe(10_000);
    expect(nextRetryDelay(2, 0, 10_000)).toBe(20_000);
    expect(nextRetryDelay(20, 0, 1000)).toBe(3_600_000);
    expect(nextRetryDelay(30, 0, GIVE_UP_AFTER_MS - 1000)).toBeNull();
  });
});

// A receiver on loopback that answers with a scripted sequence of statuses.
function receiver(): {
  server: Server;
  url: () => string;
  statuses: number[];
  seen: { headers: IncomingMessage['headers']; body: string }[];
} {
  const statuses: number[] = [];
  const seen: { headers: IncomingMessage['headers']; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ headers: req.headers, body });
      const status = statuses.shift() ?? 200;
      if (status === 0) return; // never answer: a stalled receiver
      res.writeHead(status).end();
    });
  });
  return {
    server,
    statuses,
    seen,
    url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
  };
}

describe('sending to a webhook receiver on loopback', () => {
  const r = receiver();
  beforeAll(() => new Promise<void>((ok) => r.server.listen(0, '127.0.0.1', ok)));
  afterAll(
    () =>
      new Promise<void>((ok) => {
        r.server.closeAllConnections();
        r.server.close(() => ok());
      }),
  );

  it('signs the body and sends the txId as idempotency key; the receiver can verify it', async () => {
    const body = JSON.stringify({ txId: 'tx-42', fields: {} });
    const result = await sendWebhook({ url: r.url(), secret: SECRET }, 'tx-42', body);
    expect(result).toEqual({ ok: true, status: 200 });
    const got = r.seen.at(-1)!;
    expect(got.headers['idempotency-key']).toBe('tx-42');
    expect(
      verifyWebhookSignature(
        SECRET,
        got.headers['callflow-signature'] as string,
        got.body,
        Date.now() / 1000,
      ),
    ).toBe('ok');
  });

  it('classifies 500 and timeouts as retryable, 400 as final', async () => {
    r.statuses.push(500, 400, 0);
    const target = { url: r.url(), secret: SECRET };
    expect(await sendWebhook(target, 'a', '{}')).toMatchObject({ ok: false, retryable: true, status: 500 });
    expect(await sendWebhook(target, 'b', '{}')).toMatchObject({ ok: false, retryable: false, status: 400 });
    expect(await sendWebhook(target, 'c', '{}', { timeoutMs: 200 })).toMatchObject({
      ok: false,
      retryable: true,
      code: 'webhook.timeout',
    });
  });
});

// Manual scheduler: timers fire only when the test advances the clock.
function manualScheduler() {
  let now = 0;
  const timers: { at: number; fn: () => void }[] = [];
  const scheduler: Scheduler = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const t = { at: now + ms, fn };
      timers.push(t);
      return t;
    },
    clearTimeout: (h) => {
      const i = timers.indexOf(h as never);
      if (i >= 0) timers.splice(i, 1);
    },
  };
  const advance = async (ms: number) => {
    now += ms;
    for (const t of timers.filter((x) => x.at <= now)) {
      timers.splice(timers.indexOf(t), 1);
      t.fn();
    }
    await new Promise((ok) => setImmediate(ok));
  };
  return { scheduler, advance, timers };
}

describe('in-memory delivery queue (zero persistence)', () => {
  it('retries while the receiver is down and delivers exactly once when it is back', async () => {
    const { scheduler, advance } = manualScheduler();
    const events: string[] = [];
    const queue = new RamDeliveryQueue(
      {
        delivered: (tx, n) => events.push(`delivered ${tx} after ${n}`),
        gaveUp: (tx, code) => events.push(`gave up ${tx} ${code}`),
      },
      scheduler,
    );
    const outcomes = [false, false, true];
    let calls = 0;
    const delivery = {
      txId: 'tx-1',
      attempt: async () =>
        outcomes[calls++]
          ? { ok: true as const, status: 200 }
          : { ok: false as const, retryable: true, code: 'webhook.http-status' },
    };
    queue.enqueue(delivery);
    queue.enqueue(delivery); // same txId: ignored
    await advance(0);
    await advance(10_000);
    await advance(20_000);
    expect(events).toEqual(['delivered tx-1 after 3']);
    expect(calls).toBe(3);
    expect(queue.size).toBe(0);
  });

  it('gives up after 24 hours and keeps nothing', async () => {
    const { scheduler, advance } = manualScheduler();
    const events: string[] = [];
    const queue = new RamDeliveryQueue(
      {
        delivered: () => events.push('delivered'),
        gaveUp: (tx, code) => events.push(`gave up ${tx} ${code}`),
      },
      scheduler,
    );
    queue.enqueue({
      txId: 'tx-2',
      attempt: async () => ({ ok: false, retryable: true, code: 'webhook.network' }),
    });
    for (let i = 0; i < 60 && events.length === 0; i++) await advance(3_600_000);
    expect(events).toEqual(['gave up tx-2 delivery.window-closed']);
    expect(queue.size).toBe(0);
  });

  it('drops pending notes on stop', async () => {
    const { scheduler, advance, timers } = manualScheduler();
    const queue = new RamDeliveryQueue({ delivered: () => {}, gaveUp: () => {} }, scheduler);
    queue.enqueue({
      txId: 'tx-3',
      attempt: async () => ({ ok: false, retryable: true, code: 'webhook.network' }),
    });
    await advance(0);
    expect(queue.stop()).toBe(1);
    expect(timers).toHaveLength(0);
    expect(queue.size).toBe(0);
  });
});
