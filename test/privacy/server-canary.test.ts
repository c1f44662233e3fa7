// Done-when of issue 5, through the server: test calls via POST /api/flows/:id/simulate with
// live: true, whose caller turns carry unique canaries. The law-firm flow (zero persistence,
// webhook only) must leave zero traces — no hit in the data dir (DB, -wal, -shm, key store),
// the temp dir or the logs, and not one new row in any table of either database — and still
// deliver the note, signed. The doctor's office flow (stored, inbox) must keep the note only
// encrypted: zero hits in clear on disk, zero in the logs, readable through the inbox.
import Ajv2020 from 'ajv/dist/2020';
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '../../engine/src/delivery/signature';
import { expectValid } from '../../engine/src/log/capture.test-helper';
import { findCanary, scanFiles } from './canary';
import { exampleFlow, serverEnv, until, webhookReceiver, type ServerEnv } from './server-env';

let env: ServerEnv;
let receiver: Awaited<ReturnType<typeof webhookReceiver>>;
const started = Date.now();

beforeAll(async () => {
  env = await serverEnv();
  receiver = await webhookReceiver();
});
afterAll(async () => {
  env.close();
  await receiver.close();
  env.remove();
});

const ROOT = path.resolve(import.meta.dirname, '../..');
const ajv = new Ajv2020({ allErrors: true, strict: true });
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
/** The published payload schema, as a receiver would use it. */
const validatePayload = ajv.compile(
  JSON.parse(readFileSync(path.join(ROOT, 'schemas/webhook.v1.schema.json'), 'utf8')) as object,
);

const canaryOf = (label: string) => `Kanarie${label}${randomBytes(6).toString('hex')}`;

/** Rows per table in both database files, read through separate connections. */
function rowCounts(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const file of ['callflow.db', 'keys.sqlite']) {
    const db = new Database(path.join(env.dataDir, file), { readonly: true, fileMustExist: true });
    try {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
        name: string;
      }[];
      for (const { name } of tables)
        out[`${file}:${name}`] = (db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n;
    } finally {
      db.close();
    }
  }
  return out;
}

/** Files in the system temp dir changed since this test started (other processes' old files are not ours to read). */
function recentTempHits(canary: string): string[] {
  const hits: string[] = [];
  const visit = (p: string, depth: number): void => {
    let st;
    try {
      st = statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory() && depth < 4) {
      let entries: string[] = [];
      try {
        entries = readdirSync(p);
      } catch {
        return;
      }
      for (const e of entries) visit(path.join(p, e), depth + 1);
    } else if (st.isFile() && st.mtimeMs >= started - 1000 && st.size < 64 * 1024 * 1024) {
      try {
        if (findCanary(readFileSync(p), canary).length > 0) hits.push(p);
      } catch {
        /* unreadable: not ours */
      }
    }
  };
  visit(tmpdir(), 0);
  return hits;
}

function expectCleanLogs(canaries: string[]): void {
  const lines = env.logs.lines();
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) expectValid(line);
  for (const c of canaries) expect(findCanary(Buffer.from(env.logs.raw()), c)).toEqual([]);
}

describe('zero persistence through /simulate live (law firm)', () => {
  it('delivers the signed note to the webhook and leaves no trace and no row anywhere', async () => {
    const canaries = [canaryOf('Anliegen'), canaryOf('Notiz'), canaryOf('Frage')];
    const flow = exampleFlow('kanzlei');
    (flow.settings as { delivery: { webhookUrl: string } }).delivery.webhookUrl = receiver.url;
    const flowId = await env.createFlow(flow);
    const before = rowCounts();
    const res = await env.as('owner', 'POST', `/api/flows/${flowId}/simulate`, {
      live: true,
      at: '2026-03-02T11:00:00+01:00',
      callerNumber: '+4930123456',
      turns: [
        { say: 'Ja, einverstanden.' },
        // A question nothing answers: noted for the firm (issue 18), so it must leave no trace either.
        { say: `Vertreten Sie auch Mandanten im ${canaries[2]}?` },
        { say: 'Mein Name ist Thomas Becker' },
        { say: 'Null eins sieben sechs, neun acht sieben sechs fünf vier drei zwei' },
        { say: 'ja' },
        { say: 'Es geht um meine Kündigung.' },
        { say: `Mein Arbeitgeber hat mir gekündigt ${canaries[0]} ${canaries[1]}` },
        { say: 'morgen um zehn Uhr' },
      ],
    });
    expect(res.status).toBe(200);
    const out = (await res.json()) as {
      live: { txId: string; stored: boolean };
      outcome: string;
      path: string[];
    };
    expect(out.live, JSON.stringify(out.path)).not.toBeNull();
    expect(out.live.stored).toBe(false);
    expect(out.outcome).toBe('completed');
    await until(() => receiver.seen.some((r) => r.headers['idempotency-key'] === out.live.txId));
    const got = receiver.seen.find((r) => r.headers['idempotency-key'] === out.live.txId)!;
    // The business gets the whole note, verifiably from us …
    const secret = (
      (await (await env.as('owner', 'GET', '/api/settings/webhook')).json()) as { secret: string }
    ).secret;
    expect(
      verifyWebhookSignature(
        secret,
        got.headers['callflow-signature'] as string,
        got.body,
        Date.now() / 1000,
      ),
    ).toBe('ok');
    const payload = JSON.parse(got.body) as { txId: string; test: boolean; record: { concern?: string } };
    expect(payload).toMatchObject({ txId: out.live.txId, test: true });
    expect(validatePayload(payload), JSON.stringify(validatePayload.errors)).toBe(true);
    expect(got.body).toContain(canaries[1]);
    expect((payload.record as { questions?: string[] }).questions).toEqual([
      `Vertreten Sie auch Mandanten im ${canaries[2]}?`,
    ]);
    // … and we keep nothing.
    expect(rowCounts()).toEqual(before);
    for (const c of canaries) {
      expect(scanFiles([env.tmp], c)).toEqual([]);
      expect(recentTempHits(c)).toEqual([]);
    }
    expectCleanLogs(canaries);
  });
});

describe("stored flow through /simulate live (doctor's office)", () => {
  it('keeps the note only encrypted, readable in the inbox, never in the logs', async () => {
    const canaries = [canaryOf('Anliegen'), canaryOf('Notiz'), canaryOf('Frage')];
    const flowId = await env.createFlow(exampleFlow('arztpraxis'));
    const res = await env.as('editor', 'POST', `/api/flows/${flowId}/simulate`, {
      live: true,
      at: '2026-03-02T09:00:00+01:00',
      callerNumber: '+4917612345678',
      turns: [
        { say: 'Ja, gerne.' },
        { say: 'Mein Name ist Anna Schmidt' },
        // A question nothing answers, noted for the practice: encrypted like the details.
        { say: `Was kostet bei Ihnen eine ${canaries[2]}?` },
        { say: 'dritter März neunzehnhundertachtzig' },
        { say: 'ja' },
        { say: 'null eins sieben eins, eins zwei drei vier fünf sechs sieben' },
        { say: 'Ja, genau.' },
        { say: `Ich brauche ein Folgerezept ${canaries[0]} ${canaries[1]}` },
        { say: 'Ramipril fünf Milligramm' },
      ],
    });
    expect(res.status).toBe(200);
    const out = (await res.json()) as { live: { txId: string; stored: boolean }; path: string[] };
    expect(out.live, JSON.stringify(out.path)).not.toBeNull();
    expect(out.live.stored).toBe(true);
    // Delivered to the inbox: the front desk reads it decrypted.
    const note = await env.as('agent', 'GET', `/api/calls/${out.live.txId}`);
    expect(note.status).toBe(200);
    expect(note.headers.get('cache-control')).toBe('no-store');
    const text = await note.text();
    expect(text).toContain(canaries[1]);
    expect(text).toContain(canaries[2]);
    expect(JSON.parse(text)).toMatchObject({ test: true, stored: true, status: 'new' });
    // On disk: only ciphertext (database, WAL, key store), nothing in the temp dir or logs.
    for (const c of canaries) {
      expect(scanFiles([env.tmp], c)).toEqual([]);
      expect(recentTempHits(c)).toEqual([]);
    }
    expectCleanLogs(canaries);
  });
});
