// The Jobs port on PostgreSQL with two "instances" in one test process: two stores (own pools),
// two records services and two pg-boss adapters over one database — what two servers share.
// Proves: racing instances deliver every note once and shred every expired note once with one
// receipt (chain intact); a draining instance finishes its running job and takes no new one while
// the other instance does; receipt appends from both instances serialise per tenant; a
// zero-persistence note never reaches a table or the queue. Skips without CALLFLOW_TEST_DATABASE_URL.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sendWebhook } from '../../engine/src/delivery/webhook-sender';
import { jobHandlers } from '../../engine/src/jobs/handlers';
import { createPgBossJobs } from '../../engine/src/jobs/pg-boss';
import type { Jobs } from '../../engine/src/jobs/port';
import { DELIVERY_CLAIM_LEASE_MS } from '../../engine/src/jobs/select';
import { createLogger } from '../../engine/src/log/index';
import { createRecords, type RecordsServices } from '../../engine/src/records/services';
import { createPgStore, type PgStore } from '../../engine/src/store/pg/index';
import { quoteIdent } from '../../engine/src/store/pg/open';
import { noteWith } from '../privacy/records-env';
import { until } from '../privacy/server-env';
import { TEST_DATABASE_URL } from './test-databases';

const MASTER = randomBytes(32);
const TENANT = 't_jobs';
const received: { key: string; body: string }[] = [];
/** Status codes the receiver answers next (then 204). */
const failures: number[] = [];
let receiver: Server;
let hookUrl = '';

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const status = failures.shift() ?? 204;
      if (status === 204) received.push({ key: String(req.headers['idempotency-key']), body });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((ok) => receiver.listen(0, '127.0.0.1', ok));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(
  () =>
    new Promise<void>((ok) => {
      receiver.closeAllConnections();
      receiver.close(() => ok());
    }),
);

interface Instance {
  name: string;
  store: PgStore;
  records: RecordsServices;
  jobs: Jobs;
  sentBy: string[];
}

/** One database schema set (data, keys, queue) shared by the instances of one test. */
class Cluster {
  readonly id = `j_${randomBytes(4).toString('hex')}`;
  readonly instances: Instance[] = [];
  admin = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 2, options: `-c search_path=${this.id}` });

  async instance(name: string, opts: { send?: typeof sendWebhook } = {}): Promise<Instance> {
    const url = TEST_DATABASE_URL!;
    const store = await createPgStore({
      database: { url, schema: this.id, max: 4 },
      keyStore: { url, schema: `${this.id}_keys`, max: 2 },
    });
    const logger = createLogger({ level: 'silent' });
    const sentBy: string[] = [];
    let jobs: Jobs | undefined;
    const records = createRecords({
      store,
      masterKey: MASTER,
      logger,
      now: Date.now,
      claimLeaseMs: DELIVERY_CLAIM_LEASE_MS,
      deliveryQueued: (tenantId, txId) => jobs?.deliveryQueued({ tenantId, txId }),
      send: async (target, key, body) => {
        sentBy.push(key);
        return (opts.send ?? sendWebhook)(target, key, body);
      },
    });
    jobs = createPgBossJobs({
      url,
      schema: `${this.id}_boss`,
      logger,
      purgeIntervalMs: 300,
      deliveryIntervalMs: 200,
      pollingIntervalSeconds: 0.5,
      handlers: jobHandlers({
        records,
        analytics: { purge: async () => 0 },
        notes: store.callNotes,
        now: Date.now,
      }),
    });
    const inst = { name, store, records, jobs, sentBy };
    this.instances.push(inst);
    return inst;
  }

  query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) {
    return this.admin.query<T>(sql, params);
  }

  /** Every job pg-boss holds (queued, active, done and archived), as text. */
  async queueText(): Promise<string> {
    const boss = quoteIdent(`${this.id}_boss`);
    const rows = await this.query<{ t: string }>(
      `SELECT data::text AS t FROM ${boss}.job UNION ALL SELECT data::text FROM ${boss}.archive`,
    );
    return rows.rows.map((r) => r.t).join('\n');
  }

  async dispose(): Promise<void> {
    for (const i of this.instances) {
      await i.jobs.drain(1000);
      await i.jobs.close();
      i.records.stop();
      await i.store.end();
    }
    for (const s of [this.id, `${this.id}_keys`, `${this.id}_boss`])
      await this.query(`DROP SCHEMA IF EXISTS ${quoteIdent(s)} CASCADE`);
    await this.admin.end();
  }
}

const accept = (
  i: Instance,
  canary: string,
  retention: { mode: 'ttl'; days: number } | { mode: 'immediate' } = { mode: 'ttl', days: 1 },
) => {
  const record = noteWith(canary);
  return i.records
    .accept({
      tenantId: TENANT,
      flowId: 'f',
      flowVersion: 1,
      record,
      retention,
      zeroPersistence: false,
      delivery: { inbox: false, webhookUrl: hookUrl },
    })
    .then(() => record.txId);
};

describe.skipIf(!TEST_DATABASE_URL)('jobs on PostgreSQL with two instances', () => {
  let cluster: Cluster;
  afterEach(async () => {
    await cluster.dispose();
    received.length = 0;
    failures.length = 0;
  });

  async function twoInstances(opts: { send?: typeof sendWebhook } = {}) {
    cluster = new Cluster();
    const a = await cluster.instance('A', opts);
    const b = await cluster.instance('B', opts);
    await cluster.query('INSERT INTO tenants (id, name, created_at) VALUES ($1, $1, 0)', [TENANT]);
    return { a, b };
  }

  it('racing instances deliver every note once, then purge every expired note once with one receipt', async () => {
    const { a, b } = await twoInstances();
    await Promise.all([a.jobs.start(), b.jobs.start()]);
    const canary = `Kanarie${randomBytes(4).toString('hex')}`;
    const txIds = await Promise.all(Array.from({ length: 24 }, (_, n) => accept(n % 2 ? a : b, canary)));
    // Both instances also try every note directly, at the same moment: the claim lets one send.
    const direct = await Promise.all(
      txIds.flatMap((tx) => [a, b].map((i) => i.records.worker.deliverNote(TENANT, tx))),
    );
    await until(() => new Set(received.map((r) => r.key)).size === txIds.length, 20_000);
    await new Promise((r) => setTimeout(r, 1500)); // room for a duplicate to show up
    expect(received.map((r) => r.key).sort()).toEqual([...txIds].sort());
    expect(direct.filter((o) => o.kind === 'delivered').length).toBeLessThanOrEqual(txIds.length);
    expect(
      (
        await cluster.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM call_notes WHERE webhook_url IS NOT NULL',
        )
      ).rows[0].n,
    ).toBe(0);

    // Time passes for these notes: their deadline is now. Both instances' purges race.
    await cluster.query('UPDATE call_notes SET expires_at = 0');
    await until(async () => (await a.records.verifyReceipts(TENANT)).count === txIds.length, 20_000);
    await new Promise((r) => setTimeout(r, 1000));
    const receipts = await a.store.receipts.list(TENANT);
    expect(receipts.map((r) => r.txId).sort()).toEqual([...txIds].sort());
    expect(new Set(receipts.map((r) => r.reason))).toEqual(new Set(['expired']));
    expect(await b.records.verifyReceipts(TENANT)).toMatchObject({ ok: true, count: txIds.length });
    expect((await cluster.query<{ n: number }>('SELECT count(*)::int AS n FROM call_notes')).rows[0].n).toBe(
      0,
    );
    // The queue held ids only: no caller content in pg-boss's tables.
    const queued = await cluster.queueText();
    expect(queued).toContain(txIds[0]);
    expect(queued).not.toContain(canary);
  }, 60_000);

  it('a draining instance finishes its running delivery and takes no new job; the other instance does', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let first = true;
    const { a, b } = await twoInstances({
      // A's first send hangs until released: a delivery in progress when the drain starts.
      send: async (target, key, body) => {
        if (first) {
          first = false;
          await gate;
        }
        return sendWebhook(target, key, body);
      },
    });
    await a.jobs.start();
    const running = await accept(a, 'laufend', { mode: 'immediate' });
    await until(() => a.sentBy.includes(running), 10_000);
    await b.jobs.start();
    const drained = a.jobs.drain(10_000);
    expect(await a.jobs.health()).toEqual({ ok: false, code: 'jobs.draining' });
    expect(await b.jobs.health()).toEqual({ ok: true });
    const later = await accept(a, 'danach', { mode: 'immediate' }); // a call that ends on A during its drain
    await until(() => b.sentBy.includes(later), 10_000);
    let done = false;
    void drained.then(() => (done = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(done).toBe(false); // the drain waits for the running delivery
    release();
    await drained;
    expect(a.sentBy).toEqual([running]);
    expect(b.sentBy).toEqual([later]);
    expect(received.map((r) => r.key).sort()).toEqual([running, later].sort());
    // Both 'immediate' notes were shredded on delivery, one receipt each.
    await until(async () => (await b.records.verifyReceipts(TENANT)).count === 2, 10_000);
    expect((await a.store.receipts.list(TENANT)).map((r) => r.reason)).toEqual(['delivered', 'delivered']);
  }, 60_000);

  it('a failed delivery is retried by the queue on the backoff schedule (10 s), once', async () => {
    const { a, b } = await twoInstances();
    await Promise.all([a.jobs.start(), b.jobs.start()]);
    failures.push(500);
    const started = Date.now();
    const txId = await accept(a, 'nochmal');
    await until(async () => (await a.store.callNotes.get(TENANT, txId))?.webhook?.attempts === 1, 10_000);
    const pending = (await a.store.callNotes.get(TENANT, txId))!.webhook!;
    expect(pending.nextAttemptAt - pending.firstAttemptAt!).toBeGreaterThanOrEqual(10_000);
    expect(pending.nextAttemptAt - pending.firstAttemptAt!).toBeLessThan(11_000);
    // The retry is a queued job that starts no earlier than the note's next attempt.
    const boss = quoteIdent(`${cluster.id}_boss`);
    const queued = await cluster.query<{ at: Date }>(
      `SELECT start_after AS at FROM ${boss}.job WHERE name = 'callflow-delivery' AND state = 'created' AND singleton_key = $1`,
      [txId],
    );
    expect(queued.rows.length).toBe(1);
    expect(queued.rows[0].at.getTime()).toBeGreaterThanOrEqual(pending.nextAttemptAt - 1000);
    await until(() => received.some((r) => r.key === txId), 20_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(10_000);
    await new Promise((r) => setTimeout(r, 1000));
    expect(received.filter((r) => r.key === txId).length).toBe(1);
    expect([...a.sentBy, ...b.sentBy].filter((k) => k === txId).length).toBe(2); // the 500 and the success
    expect((await a.store.callNotes.get(TENANT, txId))?.webhook).toBeNull();
  }, 60_000);

  it('receipt appends from both instances serialise per tenant; a note shredded on both gets one receipt', async () => {
    const { a, b } = await twoInstances();
    const txIds: string[] = [];
    for (let n = 0; n < 30; n++) txIds.push(await accept(n % 2 ? a : b, 'kette'));
    const results = await Promise.all(
      txIds.flatMap((tx) => [a, b].map((i) => i.records.shredder.shred(TENANT, tx, 'manual'))),
    );
    expect(results.filter(Boolean).length).toBe(txIds.length);
    const receipts = await b.store.receipts.list(TENANT);
    expect(receipts.map((r) => r.seq)).toEqual(txIds.map((_, n) => n + 1));
    expect(new Set(receipts.map((r) => r.txId)).size).toBe(txIds.length);
    expect(await a.records.verifyReceipts(TENANT)).toMatchObject({ ok: true, count: txIds.length });
  }, 60_000);

  it('a zero-persistence note is delivered from memory and never reaches a table or the queue', async () => {
    const { a } = await twoInstances();
    await a.jobs.start();
    const record = noteWith('Nullspeicher');
    await a.records.accept({
      tenantId: TENANT,
      flowId: 'f',
      flowVersion: 1,
      record,
      retention: { mode: 'immediate' },
      zeroPersistence: true,
      delivery: { inbox: false, webhookUrl: hookUrl },
    });
    await until(() => received.some((r) => r.key === record.txId), 10_000);
    expect((await cluster.query<{ n: number }>('SELECT count(*)::int AS n FROM call_notes')).rows[0].n).toBe(
      0,
    );
    expect(await cluster.queueText()).not.toContain(record.txId);
  }, 30_000);
});
