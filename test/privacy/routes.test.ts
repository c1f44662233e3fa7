// Every privacy route over a real store file: happy path, validation and roles (tenant
// isolation is generated in test/server/isolation.test.ts). Plus receipt-chain tampering in the
// database file, detected by GET /api/receipts/verify.
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectValid } from '../../engine/src/log/capture.test-helper';
import type { Role } from '../../engine/src/store/types';
import { noteWith } from './records-env';
import { exampleFlow, serverEnv, type ServerEnv } from './server-env';

let env: ServerEnv;
let flowId: string;
const ROLES: Role[] = ['owner', 'editor', 'agent', 'auditor', 'viewer'];

beforeAll(async () => {
  env = await serverEnv();
  flowId = await env.createFlow(exampleFlow('arztpraxis'));
});
afterAll(() => {
  env.close();
  env.remove();
});

/** Stores a note for the tenant as a finished phone call would. */
async function storedNote(
  overrides: Parameters<typeof noteWith>[1] = {},
  retention = { mode: 'ttl' as const, days: 7 },
) {
  const record = noteWith('Routen', overrides);
  await env.records.accept({
    tenantId: env.tenantId,
    flowId,
    flowVersion: null,
    record,
    retention,
    zeroPersistence: false,
    delivery: { inbox: true },
  });
  return record.txId;
}

async function statusByRole(method: string, p: string, body?: unknown): Promise<Record<Role, number>> {
  const out = {} as Record<Role, number>;
  for (const role of ROLES) out[role] = (await env.as(role, method, p, body)).status;
  return out;
}

describe('inbox routes', () => {
  it('lists and reads notes for agent and owner only; decrypted, no-store', async () => {
    const txId = await storedNote();
    expect(await statusByRole('GET', '/api/calls')).toEqual({
      owner: 200,
      editor: 403,
      agent: 200,
      auditor: 403,
      viewer: 403,
    });
    const list = await env.as('agent', 'GET', '/api/calls?limit=10');
    expect(list.headers.get('cache-control')).toBe('no-store');
    const { calls } = (await list.json()) as { calls: { txId: string; record: { concern: string } }[] };
    expect(calls.find((c) => c.txId === txId)?.record.concern).toContain('Routen');
    expect(await statusByRole('GET', `/api/calls/${txId}`)).toEqual({
      owner: 200,
      editor: 403,
      agent: 200,
      auditor: 403,
      viewer: 403,
    });
    expect((await env.as('agent', 'GET', '/api/calls?limit=0')).status).toBe(400);
    expect((await env.as('agent', 'GET', '/api/calls/tx_unknown')).status).toBe(404);
  });

  it('done by the front desk shreds an immediate-retention note with a receipt; delete is owner-only', async () => {
    const txId = await storedNote({}, { mode: 'immediate' } as never);
    expect((await env.as('viewer', 'POST', `/api/calls/${txId}/done`)).status).toBe(403);
    expect((await env.as('agent', 'POST', `/api/calls/${txId}/done`)).status).toBe(200);
    expect((await env.as('agent', 'GET', `/api/calls/${txId}`)).status).toBe(404);
    const other = await storedNote();
    expect((await env.as('agent', 'DELETE', `/api/calls/${other}`)).status).toBe(403);
    expect((await env.as('owner', 'DELETE', `/api/calls/${other}`)).status).toBe(200);
    expect((await env.as('owner', 'DELETE', `/api/calls/${other}`)).status).toBe(404);
    const { receipts } = (await (await env.as('auditor', 'GET', '/api/receipts')).json()) as {
      receipts: { txId: string; reason: string }[];
    };
    expect(receipts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ txId, reason: 'delivered' }),
        expect.objectContaining({ txId: other, reason: 'manual' }),
      ]),
    );
  });
});

describe('data-subject requests (owner only, audited by ids)', () => {
  it('find / export / rectify / restrict / erase — two callers with similar numbers stay apart', async () => {
    const anna = await storedNote({
      callerNumber: '+4917111111111',
      callback: { number: '+4917111111111', priority: 'normal' },
      fields: {},
    });
    const bert = await storedNote({
      callerNumber: '+4917111111112',
      callback: { number: '+4917111111112', priority: 'normal' },
      fields: {},
    });
    const body = { number: '+4917111111111' };
    expect(await statusByRole('POST', '/api/subjects/find', body)).toEqual({
      owner: 200,
      editor: 403,
      agent: 403,
      auditor: 403,
      viewer: 403,
    });
    expect((await env.as('owner', 'POST', '/api/subjects/find', { number: '0171 1111111' })).status).toBe(
      400,
    );
    const found = (await (await env.as('owner', 'POST', '/api/subjects/find', body)).json()) as {
      matches: { txId: string }[];
    };
    expect(found.matches.map((m) => m.txId)).toEqual([anna]);

    const exp = await env.as('owner', 'POST', '/api/subjects/export', body);
    expect(exp.headers.get('content-disposition')).toContain('attachment');
    const exported = (await exp.json()) as { records: { txId: string }[] };
    expect(exported.records.map((r) => r.txId)).toEqual([anna]);

    const withField = await storedNote({ callerNumber: '+4917111111111' });
    expect(
      (
        await env.as('agent', 'POST', `/api/calls/${withField}/rectify`, {
          field: 'name',
          value: 'Anna Korrekt',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await env.as('owner', 'POST', `/api/calls/${withField}/rectify`, {
          field: 'name',
          value: 'Anna Korrekt',
        })
      ).status,
    ).toBe(200);
    expect(
      (await env.as('owner', 'POST', `/api/calls/${withField}/rectify`, { field: 'gibtsnicht', value: 'x' }))
        .status,
    ).toBe(400);
    const read = (await (await env.as('owner', 'GET', `/api/calls/${withField}`)).json()) as {
      record: { fields: { name: { value: string } } };
    };
    expect(read.record.fields.name.value).toBe('Anna Korrekt');

    expect((await env.as('owner', 'POST', `/api/calls/${bert}/restrict`, { restricted: true })).status).toBe(
      200,
    );
    expect((await env.as('owner', 'GET', `/api/calls/${bert}`)).status).toBe(404); // restricted: out of processing
    expect((await env.as('owner', 'POST', `/api/calls/${bert}/restrict`, { restricted: 'ja' })).status).toBe(
      400,
    );
    expect((await env.as('owner', 'POST', `/api/calls/${bert}/restrict`, { restricted: false })).status).toBe(
      200,
    );
    expect((await env.as('owner', 'GET', `/api/calls/${bert}`)).status).toBe(200);

    const erased = (await (await env.as('owner', 'POST', '/api/subjects/erase', body)).json()) as {
      erased: number;
    };
    expect(erased.erased).toBe(2);
    expect((await env.as('owner', 'GET', `/api/calls/${anna}`)).status).toBe(404);
    expect((await env.as('owner', 'GET', `/api/calls/${bert}`)).status).toBe(200);

    const audit = (await (await env.as('owner', 'GET', '/api/audit?limit=50')).json()) as {
      events: { action: string; targetId: string }[];
    };
    const subjectEvents = audit.events.filter((e) => e.action.startsWith('subject.'));
    expect(subjectEvents.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'subject.find',
        'subject.export',
        'subject.erase',
        'subject.rectify',
        'subject.restrict',
      ]),
    );
    expect(JSON.stringify(audit)).not.toContain('17111111111');
    expect(subjectEvents.find((e) => e.action === 'subject.erase')?.targetId).toMatch(/^sk_[0-9a-f]{12}$/);
  });
});

describe('processing record, simulate, webhook secret', () => {
  it('renders the processing record in German and English for every role', async () => {
    expect(await statusByRole('GET', `/api/flows/${flowId}/privacy`)).toEqual({
      owner: 200,
      editor: 200,
      agent: 200,
      auditor: 200,
      viewer: 200,
    });
    const de = await env.as('viewer', 'GET', `/api/flows/${flowId}/privacy?lang=de`);
    expect(de.headers.get('content-type')).toContain('text/markdown');
    expect(await de.text()).toMatch(/^#/);
    const en = await (await env.as('viewer', 'GET', `/api/flows/${flowId}/privacy?lang=en`)).text();
    expect(en).not.toEqual(
      await (await env.as('viewer', 'GET', `/api/flows/${flowId}/privacy?lang=de`)).text(),
    );
    expect((await env.as('viewer', 'GET', `/api/flows/${flowId}/privacy?lang=fr`)).status).toBe(400);
    expect((await env.as('viewer', 'GET', `/api/flows/${flowId}/privacy?version=7`)).status).toBe(404);
  });

  it('simulates without storing unless live; editor and owner only; bad turns are 400', async () => {
    const turns = [{ say: 'Ja, gerne.' }, { hangup: true }];
    expect(await statusByRole('POST', `/api/flows/${flowId}/simulate`, { turns })).toEqual({
      owner: 200,
      editor: 200,
      agent: 403,
      auditor: 403,
      viewer: 403,
    });
    const before = (await env.store.callNotes.list(env.tenantId)).length;
    const res = (await (
      await env.as('editor', 'POST', `/api/flows/${flowId}/simulate`, { turns })
    ).json()) as { heard: { who: string }[]; path: string[]; live: null };
    expect(res.heard.some((l) => l.who === 'bot')).toBe(true);
    expect(res.path[0]).toBeDefined();
    expect(res.live).toBeNull();
    expect((await env.store.callNotes.list(env.tenantId)).length).toBe(before);
    expect(
      (await env.as('editor', 'POST', `/api/flows/${flowId}/simulate`, { turns: [{ shout: 'x' }] })).status,
    ).toBe(400);
    expect(
      (await env.as('editor', 'POST', `/api/flows/${flowId}/simulate`, { turns, version: 9 })).status,
    ).toBe(404);
    expect((await env.as('owner', 'POST', `/api/flows/${flowId}/versions`, { message: 'v1' })).status).toBe(
      201,
    );
    const v1 = (await (
      await env.as('editor', 'POST', `/api/flows/${flowId}/simulate`, { turns, version: 1 })
    ).json()) as { path: string[] };
    expect(v1.path).toEqual(res.path);
  });

  it('shows the webhook secret to the owner only; it differs per organisation and is stable', async () => {
    expect(await statusByRole('GET', '/api/settings/webhook')).toEqual({
      owner: 200,
      editor: 403,
      agent: 403,
      auditor: 403,
      viewer: 403,
    });
    const a = (await (await env.as('owner', 'GET', '/api/settings/webhook')).json()) as {
      secret: string;
      signatureHeader: string;
    };
    expect(a.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(a.signatureHeader).toBe('Callflow-Signature');
    expect(env.records.webhookSecret('another-tenant')).not.toBe(a.secret);
    expect(env.records.webhookSecret(env.tenantId)).toBe(a.secret);
  });
});

describe('receipt chain through the API', () => {
  const db = () => new Database(path.join(env.dataDir, 'callflow.db'));
  const verdict = async () =>
    (await (await env.as('auditor', 'GET', '/api/receipts/verify')).json()) as {
      ok: boolean;
      count: number;
      problems: { code: string }[];
    };
  const codes = async () => (await verdict()).problems.map((p) => p.code);

  it('verifies an intact chain; auditor and owner only', async () => {
    for (let i = 0; i < 3; i++) await env.records.shredder.shred(env.tenantId, await storedNote(), 'manual');
    expect(await statusByRole('GET', '/api/receipts/verify')).toEqual({
      owner: 200,
      editor: 403,
      agent: 403,
      auditor: 200,
      viewer: 403,
    });
    const v = await verdict();
    expect(v.ok).toBe(true);
    expect(v.count).toBeGreaterThanOrEqual(3);
  });

  it('detects modification, deletion, reordering and truncation in the database file', async () => {
    const sql = (s: string) => {
      const d = db();
      try {
        d.exec(s);
      } finally {
        d.close();
      }
    };
    const snapshot = () => {
      const d = db();
      try {
        return d.prepare('SELECT * FROM deletion_receipts ORDER BY seq').all() as Record<string, unknown>[];
      } finally {
        d.close();
      }
    };
    const restore = (rows: Record<string, unknown>[]) => {
      const d = db();
      try {
        d.exec('DELETE FROM deletion_receipts');
        const cols = Object.keys(rows[0]);
        const ins = d.prepare(
          `INSERT INTO deletion_receipts (${cols.join(',')}) VALUES (${cols.map((c) => `@${c}`).join(',')})`,
        );
        for (const r of rows) ins.run(r);
      } finally {
        d.close();
      }
    };
    const original = snapshot();
    const n = original.length;
    expect(n).toBeGreaterThanOrEqual(3);

    sql("UPDATE deletion_receipts SET reason = 'expired' WHERE seq = 2 AND reason <> 'expired'");
    sql("UPDATE deletion_receipts SET deleted_at = '2020-01-01T00:00:00.000Z' WHERE seq = 2");
    expect(await codes()).toContain('receipt.modified');
    restore(original);
    expect((await verdict()).ok).toBe(true);

    sql('DELETE FROM deletion_receipts WHERE seq = 2');
    expect(await codes()).toEqual(expect.arrayContaining(['receipt.gap-or-reorder']));
    restore(original);

    sql(
      `UPDATE deletion_receipts SET seq = -1 WHERE seq = 1; UPDATE deletion_receipts SET seq = 1 WHERE seq = 2; UPDATE deletion_receipts SET seq = 2 WHERE seq = -1`,
    );
    const reordered = await codes();
    expect(
      reordered.some(
        (c) => c === 'receipt.gap-or-reorder' || c === 'receipt.broken-link' || c === 'receipt.modified',
      ),
    ).toBe(true);
    restore(original);

    sql(`DELETE FROM deletion_receipts WHERE seq = ${n}`);
    expect(await codes()).toContain('chain.truncated');
    restore(original);
    expect((await verdict()).ok).toBe(true);
  });
});

describe('logs', () => {
  it('every line written during these requests validates against the log-line schema and names no caller', () => {
    const lines = env.logs.lines();
    expect(lines.length).toBeGreaterThan(20);
    for (const line of lines) expectValid(line);
    expect(env.logs.raw()).not.toContain('Routen');
    expect(env.logs.raw()).not.toContain('17111111111');
  });
});
