// The checkpoint routes over a real store file: who may take and verify checkpoints, the public
// keys without a login (raw and as PEM), the receipts webhook settings, and the server refusing to
// sign a chain that was rolled back.
import Database from 'better-sqlite3';
import { createPublicKey } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '../../engine/src/delivery/signature';
import { checkSignature, type Checkpoint } from '../../engine/src/privacy/checkpoints';
import type { Role } from '../../engine/src/store/types';
import { deletedNotes } from './records-env';
import { serverEnv, until, webhookReceiver, type ServerEnv } from './server-env';

let env: ServerEnv;
const ROLES: Role[] = ['owner', 'editor', 'agent', 'auditor', 'viewer'];
const ONLY_OWNER_AND_AUDITOR = { owner: 200, editor: 403, agent: 403, auditor: 200, viewer: 403 };

const deletions = (n: number) => deletedNotes(env.records, env.tenantId, n, 'Prüfpunkt');

async function statusByRole(method: string, p: string, body?: unknown): Promise<Record<Role, number>> {
  const out = {} as Record<Role, number>;
  for (const role of ROLES) out[role] = (await env.as(role, method, p, body)).status;
  return out;
}

const json = async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T;
type Verdict = { ok: boolean; checkpoints: number; problems: { code: string }[] };

beforeAll(async () => {
  env = await serverEnv();
  await deletions(2);
});
afterAll(() => {
  env.close();
  env.remove();
});

describe('checkpoint routes', () => {
  it('takes a checkpoint (auditor and owner), lists the kept ones and verifies given ones', async () => {
    expect(await statusByRole('POST', '/api/receipts/checkpoints', {})).toEqual(ONLY_OWNER_AND_AUDITOR);
    const cp = await json<Checkpoint>(env.as('auditor', 'POST', '/api/receipts/checkpoints', {}));
    expect(cp).toMatchObject({ tenantId: env.tenantId, count: 2, final: false });
    const { checkpoints } = await json<{ checkpoints: Checkpoint[] }>(
      env.as('owner', 'GET', '/api/receipts/checkpoints'),
    );
    expect(checkpoints).toEqual([cp]); // asked five times, one position: one checkpoint

    expect(await statusByRole('POST', '/api/receipts/verify', { checkpoints: [cp] })).toEqual(
      ONLY_OWNER_AND_AUDITOR,
    );
    const verdict = (body: unknown) => json<Verdict>(env.as('auditor', 'POST', '/api/receipts/verify', body));
    expect(await verdict({ checkpoints: [cp] })).toMatchObject({ ok: true, checkpoints: 2, problems: [] });
    expect((await verdict({ checkpoints: [{ ...cp, count: 1 }] })).problems).toEqual([
      { code: 'checkpoint.bad-signature', count: 1 },
    ]);
    expect((await verdict({ checkpoints: [{ ...cp, tenantId: 'ten_other' }] })).problems).toEqual([
      { code: 'checkpoint.foreign-tenant', count: 2 },
    ]);
    expect(
      (await env.as('auditor', 'POST', '/api/receipts/verify', { checkpoints: [{ count: 2 }] })).status,
    ).toBe(400);
  });

  it('publishes the public keys without a login, raw and as PEM; a checkpoint verifies with them', async () => {
    const res = await env.app.request('/api/receipts/keys');
    expect(res.status).toBe(200);
    const { keys } = (await res.json()) as {
      keys: { keyId: string; algorithm: string; publicKey: string; pem: string }[];
    };
    const cp = await json<Checkpoint>(env.as('owner', 'POST', '/api/receipts/checkpoints', {}));
    const key = keys.find((k) => k.keyId === cp.keyId);
    expect(key?.algorithm).toBe('Ed25519');
    // The PEM is the same key as the raw one (the message format itself: engine/src/privacy/checkpoints.test.ts).
    const raw = createPublicKey(key!.pem).export({ format: 'jwk' }).x;
    expect(raw).toBe(key!.publicKey);
    expect(checkSignature(cp, new Map(keys.map((k) => [k.keyId, k.publicKey])))).toBe('ok');
  });

  it('sends checkpoints to the receipts webhook the owner sets (https only), signed like call notes', async () => {
    const receiver = await webhookReceiver();
    try {
      const route = '/api/settings/receipts-webhook';
      expect(await statusByRole('GET', route)).toEqual({
        owner: 200,
        editor: 403,
        agent: 403,
        auditor: 403,
        viewer: 403,
      });
      expect((await env.as('owner', 'PUT', route, { url: 'http://example.org/hook' })).status).toBe(400);
      expect((await env.as('auditor', 'PUT', route, { url: receiver.url })).status).toBe(403);
      expect(await json(env.as('owner', 'PUT', route, { url: receiver.url }))).toEqual({ url: receiver.url });
      expect(await json(env.as('owner', 'GET', route))).toEqual({ url: receiver.url });

      // The current checkpoint goes out at once (after the answer), and is recorded as delivered.
      await until(async () => (await env.store.receiptWebhooks.get(env.tenantId))?.delivered.count === 2);
      expect(receiver.seen).toHaveLength(1);
      const { headers, body } = receiver.seen[0];
      const signature = headers['callflow-signature'] as string;
      expect(
        verifyWebhookSignature(env.records.webhookSecret(env.tenantId), signature, body, Date.now() / 1000),
      ).toBe('ok');
      expect(JSON.parse(body)).toMatchObject({
        type: 'receipts.checkpoint',
        payloadVersion: 1,
        checkpoint: { tenantId: env.tenantId, count: 2 },
      });

      await deletions(1);
      await env.records.purge(); // the purge signs #3 and sends it
      expect(receiver.seen).toHaveLength(2);
      expect(JSON.parse(receiver.seen[1].body)).toMatchObject({ checkpoint: { count: 3 } });

      expect(await json(env.as('owner', 'PUT', route, { url: null }))).toEqual({ url: null });
      const { events } = await json<{ events: { action: string }[] }>(env.as('owner', 'GET', '/api/audit'));
      expect(events.map((e) => e.action)).toEqual(
        expect.arrayContaining(['receipts.webhook.set', 'receipts.webhook.remove']),
      );
    } finally {
      await receiver.close();
    }
  });

  it('refuses to sign a rolled-back chain (409), and a kept checkpoint exposes the rollback', async () => {
    const kept = await json<Checkpoint>(env.as('owner', 'POST', '/api/receipts/checkpoints', {}));
    const db = new Database(path.join(env.dataDir, 'callflow.db'));
    try {
      db.prepare('DELETE FROM deletion_receipts WHERE tenant_id = ? AND seq = ?').run(
        env.tenantId,
        kept.count,
      );
      db.prepare('DELETE FROM receipt_heads WHERE tenant_id = ?').run(env.tenantId);
    } finally {
      db.close();
    }
    const refused = await env.as('owner', 'POST', '/api/receipts/checkpoints', {});
    expect(refused.status).toBe(409);
    const { error } = (await refused.json()) as { error: { code: string; details: { problems: unknown[] } } };
    expect(error.code).toBe('chain_broken');
    expect(error.details.problems).not.toHaveLength(0);
    const v = await json<Verdict>(env.as('auditor', 'POST', '/api/receipts/verify', { checkpoints: [kept] }));
    expect(v.ok).toBe(false);
    expect(v.problems.map((p) => p.code)).toEqual(
      expect.arrayContaining(['head.missing', 'checkpoint.missing-receipts']),
    );
  });
});
