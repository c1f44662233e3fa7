import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '../../engine/src/delivery/signature';
import { DeliveryWorker } from '../../engine/src/records/delivery-worker';
import { describeStores } from '../store/describe-stores';
import { noteWith, recordsEnv, type RecordsEnv } from './records-env';

// A business's webhook receiver on loopback that fails while `down` is true.
const received: { body: string; signature: string; idempotencyKey: string }[] = [];
let down = false;
const server: Server = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    if (down) return void res.writeHead(503).end();
    received.push({
      body,
      signature: String(req.headers['callflow-signature']),
      idempotencyKey: String(req.headers['idempotency-key']),
    });
    res.writeHead(204).end();
  });
});
const url = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}/callflow`;
beforeAll(() => new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok)));
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

// The same suite on SQLite and (with CALLFLOW_TEST_DATABASE_URL) on PostgreSQL.
describeStores('privacy: webhook delivery', (d) => {
  let env: RecordsEnv;
  let worker: DeliveryWorker;
  beforeEach(async () => {
    env = await recordsEnv(d.open);
    received.length = 0;
    down = false;
    worker = new DeliveryWorker({
      notes: env.notes,
      keyring: env.keyring,
      shredder: env.shredder,
      log: env.log,
      now: env.now,
      webhookSecret: async () => 'whsec_praxis',
    });
  });
  afterEach(() => env.close());

  describe('webhook delivery of stored notes', () => {
    it('retries while the receiver is down, delivers once, and shreds an immediate-retention note with a receipt', async () => {
      const record = noteWith('CANARY-delivery');
      await env.sink.accept({
        tenantId: 't_praxis',
        flowId: 'arztpraxis',
        flowVersion: 2,
        record,
        retention: { mode: 'immediate' },
        zeroPersistence: false,
        delivery: { inbox: false, webhookUrl: url() },
      });
      down = true;
      expect(await worker.runOnce()).toBe(0);
      expect(await worker.runOnce()).toBe(0); // not due yet: backoff
      down = false;
      env.advance(10_000);
      expect(await worker.runOnce()).toBe(1);
      env.advance(3_600_000);
      expect(await worker.runOnce()).toBe(0); // nothing left: exactly once

      expect(received).toHaveLength(1);
      const payload = JSON.parse(received[0].body);
      expect(payload).toMatchObject({
        type: 'call.note',
        txId: record.txId,
        flowVersion: 2,
        record: { fields: { name: { value: 'Anna CANARY-delivery' } } },
      });
      expect(received[0].idempotencyKey).toBe(record.txId);
      expect(
        verifyWebhookSignature('whsec_praxis', received[0].signature, received[0].body, Date.now() / 1000),
      ).toBe('ok');
      expect(await env.inbox.read('t_praxis', record.txId)).toBeUndefined();
      expect((await env.receipts.list('t_praxis')).map((r) => [r.txId, r.reason])).toEqual([
        [record.txId, 'delivered'],
      ]);
      expect(env.logs.raw()).not.toContain('CANARY-delivery');
    });

    it('keeps a ttl note after delivery and never delivers a restricted note', async () => {
      const kept = noteWith('k');
      const restricted = noteWith('r');
      for (const record of [kept, restricted]) {
        await env.sink.accept({
          tenantId: 't_praxis',
          flowId: 'arztpraxis',
          flowVersion: 1,
          record,
          retention: { mode: 'ttl', days: 7 },
          zeroPersistence: false,
          delivery: { inbox: true, webhookUrl: url() },
        });
      }
      await env.subjects.restrict('t_praxis', restricted.txId, { restricted: true });
      expect(await worker.runOnce()).toBe(1);
      expect(received.map((r) => JSON.parse(r.body).txId)).toEqual([kept.txId]);
      expect(await env.inbox.read('t_praxis', kept.txId)).toBeDefined();
    });
  });
});
