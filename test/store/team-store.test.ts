// The team's repositories on both dialects: the last owner survives two owners stepping down at
// once, a role change or removal ends exactly that person's sessions and tokens in that
// organisation, attempt counters and used-code claims stay exact under concurrent writers (what
// several instances sharing the database rely on), and one-time things happen once.
import { expect, it } from 'vitest';
import { describeStores } from './describe-stores';
import type { Store } from '../../engine/src/store/types';

async function team(store: Store) {
  const own = await store.tenants.create('Eigene Praxis');
  const other = await store.tenants.create('Andere Praxis');
  const a = await store.users.create('a@praxis.example', 'hash-a');
  const b = await store.users.create('b@praxis.example', 'hash-b');
  await store.memberships.add(own.id, a.id, 'owner');
  await store.memberships.add(own.id, b.id, 'owner');
  await store.memberships.add(other.id, b.id, 'agent');
  const session = async (tenantId: string | null, userId: string, idHash: string) =>
    store.sessions.create({
      idHash,
      tenantId,
      userId,
      csrfToken: 'c',
      createdAt: 1,
      expiresAt: Date.now() + 60_000,
    });
  await session(own.id, b.id, 'b-own');
  await session(other.id, b.id, 'b-other');
  for (const [id, tenantId] of [
    ['tok_b_own', own.id],
    ['tok_b_other', other.id],
  ] as const)
    await store.tokens.create(tenantId, {
      id,
      userId: b.id,
      name: id,
      scopes: ['flows:read'],
      secretHash: id,
    });
  return { own, other, a, b };
}

describeStores('team repositories', (d) => {
  it('keeps the last owner when two owners step down at the same time', async () => {
    const { store } = await d.open();
    const { own, a, b } = await team(store);
    const results = await Promise.all([
      store.memberships.changeRole(own.id, a.id, 'editor'),
      store.memberships.changeRole(own.id, b.id, 'editor'),
    ]);
    expect(results.sort()).toEqual(['changed', 'last-owner']);
    const owners = (await store.memberships.listForTenant(own.id)).filter((m) => m.role === 'owner');
    expect(owners).toHaveLength(1);
    const last = owners[0].userId;
    expect(await store.memberships.remove(own.id, last)).toBe('last-owner');
    expect(await store.memberships.remove(own.id, 'usr_unknown')).toBe('not-found');
  });

  it("ends exactly that person's sessions and tokens in that organisation", async () => {
    const { store } = await d.open();
    const { own, other, b } = await team(store);
    const flow = await store.flows.create(own.id, { slug: 'f', name: 'F', document: {}, userId: null });
    await store.notificationChoices.set(own.id, flow.id, b.id, 'urgent');
    expect(await store.memberships.remove(own.id, b.id)).toBe('changed');
    expect(await store.sessions.find('b-own', Date.now())).toBeUndefined();
    expect(await store.sessions.find('b-other', Date.now())).toBeDefined();
    expect(await store.tokens.findBySecretHash('tok_b_own')).toBeUndefined();
    expect(await store.tokens.findBySecretHash('tok_b_other')).toBeDefined();
    expect(await store.notificationChoices.recipients(own.id, flow.id)).toEqual([]);
    expect(await store.memberships.get(other.id, b.id)).toMatchObject({ role: 'agent' });
  });

  it('sets a password and ends the other sessions, keeping the one asked for', async () => {
    const { store } = await d.open();
    const { b } = await team(store);
    await store.users.setPassword(b.id, 'new-hash', { keepSession: 'b-other' });
    expect((await store.users.get(b.id))?.passwordHash).toBe('new-hash');
    expect(await store.sessions.find('b-own', Date.now())).toBeUndefined();
    expect(await store.sessions.find('b-other', Date.now())).toBeDefined();
  });

  it('counts concurrent attempts exactly and restarts an old window', async () => {
    const { store } = await d.open();
    const hits = await Promise.all(
      Array.from({ length: 20 }, () => store.attemptLimits.hit('k', 1_000, 60_000)),
    );
    expect(hits.map((h) => h.count).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    expect(await store.attemptLimits.hit('k', 61_000, 60_000)).toEqual({ count: 1, windowStart: 61_000 });
    await store.attemptLimits.reset('k');
    expect((await store.attemptLimits.hit('k', 62_000, 60_000)).count).toBe(1);
    expect(await store.attemptLimits.prune(70_000)).toBe(1);
  });

  it('accepts a time step once, a recovery code once, a reset link once', async () => {
    const { store } = await d.open();
    const { a } = await team(store);
    expect(await store.twoFactor.begin(a.id, 'sealed-1')).toBe(true);
    expect(await store.twoFactor.begin(a.id, 'sealed-2')).toBe(true); // still pending: replaced
    expect(await store.twoFactor.confirm(a.id, ['r1', 'r2'])).toBe(true);
    expect(await store.twoFactor.begin(a.id, 'sealed-3')).toBe(false); // confirmed: kept
    expect((await store.twoFactor.get(a.id))?.secretSealed).toBe('sealed-2');
    const claims = await Promise.all(
      Array.from({ length: 5 }, () => store.twoFactor.claimStep(a.id, 42, { now: 10_000, forgetBefore: 0 })),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await store.twoFactor.useRecoveryCode(a.id, 'r1')).toBe(true);
    expect(await store.twoFactor.useRecoveryCode(a.id, 'r1')).toBe(false);
    expect(await store.twoFactor.recoveryCodesLeft(a.id)).toBe(1);
    await store.passwordResets.create({ tokenHash: 't', userId: a.id, createdBy: null, expiresAt: 5_000 });
    await store.passwordResets.create({ tokenHash: 'old', userId: a.id, createdBy: null, expiresAt: 5_000 });
    expect(await store.passwordResets.take('t', 4_000)).toBe(a.id);
    expect(await store.passwordResets.take('t', 4_000)).toBeUndefined();
    expect(await store.passwordResets.take('old', 6_000)).toBeUndefined();
    expect(await store.twoFactor.remove(a.id)).toBe(true);
    expect(await store.twoFactor.get(a.id)).toBeUndefined();
  });
});
