// The store's promises, on every dialect: optimistic draft locking, append-only versions,
// one number → one tenant, tenant scoping at the repository level, the same ConflictError for
// broken unique/referential rules — and, where several instances can race on one database,
// that the database (not the process) decides.
import { expect, it } from 'vitest';
import { verifyChain } from '../../engine/src/privacy/receipts';
import type { Store } from '../../engine/src/store/types';
import { describeStores } from './describe-stores';

const version = { contentHash: 'h1', canonicalJson: '{}', message: 'm', authorId: null };

describeStores('store', (d) => {
  async function twoTenants(): Promise<{ store: Store; a: string; b: string }> {
    const { store } = await d.open();
    return { store, a: (await store.tenants.create('A')).id, b: (await store.tenants.create('B')).id };
  }

  it('saves a draft only against the revision it was read at', async () => {
    const { store, a } = await twoTenants();
    const flow = await store.flows.create(a, { slug: 's', name: 'S', document: { v: 1 }, userId: null });
    const first = await store.flows.saveDraft(a, flow.id, {
      document: { v: 2 },
      expectedRevision: 1,
      userId: null,
    });
    expect(first).toMatchObject({ revision: 2, document: { v: 2 } });
    const stale = await store.flows.saveDraft(a, flow.id, {
      document: { v: 3 },
      expectedRevision: 1,
      userId: null,
    });
    expect(stale).toMatchObject({ conflict: { revision: 2, document: { v: 2 } } });
  });

  it('lets exactly one of two simultaneous saves of the same revision win', async () => {
    const { store, a } = await twoTenants();
    const flow = await store.flows.create(a, { slug: 's', name: 'S', document: {}, userId: null });
    const results = await Promise.all(
      [1, 2].map((n) =>
        store.flows.saveDraft(a, flow.id, { document: { n }, expectedRevision: 1, userId: null }),
      ),
    );
    expect(results.filter((r) => 'conflict' in r)).toHaveLength(1);
    expect((await store.flows.getDraft(a, flow.id))?.revision).toBe(2);
  });

  it('numbers versions per flow and never reads across tenants', async () => {
    const { store, a, b } = await twoTenants();
    const fa = await store.flows.create(a, { slug: 's', name: 'S', document: {}, userId: null });
    const fb = await store.flows.create(b, { slug: 's', name: 'S', document: {}, userId: null });
    expect((await store.versions.append(a, fa.id, version)).number).toBe(1);
    expect((await store.versions.append(a, fa.id, version)).number).toBe(2);
    expect((await store.versions.append(b, fb.id, version)).number).toBe(1);
    expect(await store.flows.get(b, fa.id)).toBeUndefined();
    expect(await store.flows.getDraft(b, fa.id)).toBeUndefined();
    expect(await store.versions.get(b, fa.id, 1)).toBeUndefined();
    expect(await store.versions.list(b, fa.id)).toEqual([]);
    expect(await store.flows.delete(b, fa.id)).toBe(false);
    const foreignSave = await store.flows
      .saveDraft(b, fa.id, { document: {}, expectedRevision: 1, userId: null })
      .catch((e: Error) => e);
    expect(foreignSave).toBeInstanceOf(Error);
    expect((await store.flows.getDraft(a, fa.id))?.revision).toBe(1);
  });

  it('numbers simultaneous publishes 1…n without a gap or a duplicate', async () => {
    const { store, a } = await twoTenants();
    const flow = await store.flows.create(a, { slug: 's', name: 'S', document: {}, userId: null });
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        store.versions.append(a, flow.id, { ...version, contentHash: `h${i}` }),
      ),
    );
    expect((await store.versions.list(a, flow.id)).map((v) => v.number)).toEqual([6, 5, 4, 3, 2, 1]);
  });

  it('routes a number to exactly one tenant, following the latest version unless pinned', async () => {
    const { store, a, b } = await twoTenants();
    const fa = await store.flows.create(a, { slug: 's', name: 'S', document: {}, userId: null });
    await store.versions.append(a, fa.id, version);
    // Not assigned yet: nobody can bind it.
    expect(await store.numbers.bind(a, { number: '+4930123456', flowId: fa.id, version: null })).toBe(
      'not-assigned',
    );
    expect(await store.numbers.assign('+4930123456', a)).toBe('assigned');
    expect(await store.numbers.assign('+4930123456', b)).toBe('taken');
    expect(
      await store.numbers.bind(a, { number: '+4930123456', flowId: fa.id, version: null }),
    ).toMatchObject({ number: '+4930123456', tenantId: a });
    const fb = await store.flows.create(b, { slug: 's', name: 'S', document: {}, userId: null });
    expect(await store.numbers.bind(b, { number: '+4930123456', flowId: fb.id, version: null })).toBe(
      'not-assigned',
    );
    expect(await store.numbers.unbind(b, '+4930123456')).toBe(false);
    await store.versions.append(a, fa.id, { ...version, contentHash: 'h2' });
    expect((await store.routing.resolveNumber('+4930123456'))?.version.contentHash).toBe('h2');
    await store.numbers.bind(a, { number: '+4930123456', flowId: fa.id, version: 1 });
    expect((await store.routing.resolveNumber('+4930123456'))?.version.contentHash).toBe('h1');
    expect(await store.routing.resolveNumber('+4930000000')).toBeUndefined();
    expect(await store.numbers.list(b)).toEqual([]);
    expect(await store.numbers.assigned(a)).toEqual(['+4930123456']);
    expect(await store.numbers.assignments()).toEqual([
      expect.objectContaining({ number: '+4930123456', tenantId: a, flowId: fa.id, version: 1 }),
    ]);
  });

  it('releases a number with its binding, after which another tenant can get it', async () => {
    const { store, a, b } = await twoTenants();
    const fa = await store.flows.create(a, { slug: 's', name: 'S', document: {}, userId: null });
    await store.versions.append(a, fa.id, version);
    await store.numbers.assign('+4930123456', a);
    await store.numbers.bind(a, { number: '+4930123456', flowId: fa.id, version: null });
    expect(await store.numbers.release('+4930123456')).toBe(a);
    expect(await store.numbers.release('+4930123456')).toBeUndefined();
    expect(await store.routing.resolveNumber('+4930123456')).toBeUndefined();
    expect(await store.numbers.list(a)).toEqual([]);
    expect(await store.numbers.assign('+4930123456', b)).toBe('assigned');
    expect(await store.numbers.assigned(a)).toEqual([]);
  });

  it('unbinds a number of its own, keeping the assignment', async () => {
    const { store, a } = await twoTenants();
    const fa = await store.flows.create(a, { slug: 's', name: 'S', document: {}, userId: null });
    await store.versions.append(a, fa.id, version);
    await store.numbers.assign('+4930123456', a);
    await store.numbers.bind(a, { number: '+4930123456', flowId: fa.id, version: null });
    expect(await store.numbers.unbind(a, '+4930123456')).toBe(true);
    expect(await store.routing.resolveNumber('+4930123456')).toBeUndefined();
    expect(await store.numbers.assigned(a)).toEqual(['+4930123456']);
    // The flow can be deleted now that no number answers with it.
    expect(await store.flows.delete(a, fa.id)).toBe(true);
  });

  it('refuses a second flow with the same slug in one tenant (ConflictError), allows it in another', async () => {
    const { store, a, b } = await twoTenants();
    await store.flows.create(a, { slug: 's', name: 'S', document: {}, userId: null });
    await expect(
      store.flows.create(a, { slug: 's', name: 'S', document: {}, userId: null }),
    ).rejects.toMatchObject({ name: 'ConflictError', code: 'flow.slug-taken' });
    await expect(
      store.flows.create(b, { slug: 's', name: 'S', document: {}, userId: null }),
    ).resolves.toBeDefined();
  });

  it('refuses to delete a flow while a number is bound to it', async () => {
    const { store, a } = await twoTenants();
    const flow = await store.flows.create(a, { slug: 's', name: 'S', document: {}, userId: null });
    await store.numbers.assign('+4930111111', a);
    await store.numbers.bind(a, { number: '+4930111111', flowId: flow.id, version: null });
    await expect(store.flows.delete(a, flow.id)).rejects.toMatchObject({
      name: 'ConflictError',
      code: 'flow.bound-to-number',
    });
  });

  it('keeps accounts, sessions, tokens and audit events per tenant, with integer-millisecond times', async () => {
    const { store, a, b } = await twoTenants();
    const user = await store.users.create('Anna@Example.org', 'hash');
    expect(await store.users.findByEmail('anna@example.org')).toMatchObject({ id: user.id });
    await store.memberships.add(a, user.id, 'editor');
    expect(await store.memberships.get(b, user.id)).toBeUndefined();
    const expiresAt = Date.UTC(2030, 0, 1); // beyond 32 bits: must come back as the same number
    await store.sessions.create({
      idHash: 'h',
      tenantId: a,
      userId: user.id,
      csrfToken: 'c',
      createdAt: 1,
      expiresAt,
    });
    expect((await store.sessions.find('h', 2))?.expiresAt).toBe(expiresAt);
    expect(await store.sessions.deleteExpired(expiresAt + 1)).toBe(1);
    const token = await store.tokens.create(a, {
      id: 'tok1',
      userId: user.id,
      name: 'ci',
      scopes: ['flows:read'],
      secretHash: 'sh',
    });
    expect(await store.tokens.findBySecretHash('sh')).toEqual(token);
    expect(await store.tokens.delete(b, 'tok1')).toBe(false);
    expect(await store.tokens.list(a)).toHaveLength(1);
    await store.audit.record(a, {
      actorType: 'user',
      actorId: user.id,
      action: 'flow.create',
      targetType: 'flow',
      targetId: 'f',
    });
    expect(await store.audit.list(b, { limit: 10 })).toEqual([]);
    expect(await store.audit.list(a, { limit: 10 })).toHaveLength(1);
    expect(await store.tenants.count()).toBe(2);
    expect((await store.tenants.ids()).sort()).toEqual([a, b].sort());
    expect(await store.ping()).toBe(true);
  });

  it('shreds a note once even when two workers race, and keeps one unbroken receipt chain per tenant', async () => {
    const { store, a } = await twoTenants();
    const key = Buffer.alloc(32, 7);
    const note = (txId: string) =>
      store.callNotes.insert({
        txId,
        tenantId: a,
        flowId: 'f',
        flowVersion: 1,
        test: false,
        createdAt: 0,
        expiresAt: 1,
        deleteOnDelivery: false,
        status: 'new',
        restricted: false,
        keyId: `k_${txId}`,
        wrappedDataKey: Buffer.alloc(61, 1),
        ciphertext: Buffer.alloc(40, 2),
        subjectKeys: ['s1'],
        webhook: null,
        inboxPending: true,
      });
    const ids = Array.from({ length: 8 }, (_, i) => `tx_${i}`);
    for (const id of ids) await note(id);
    const shred = (txId: string) =>
      store.callNotes.shred({ tenantId: a, txId, reason: 'expired', deletedAt: 1000 }, key);
    // Every note twice, all at once: as if two instances purged the same batch.
    const results = await Promise.all([...ids, ...ids].map(shred));
    expect(results.filter((r) => r !== undefined)).toHaveLength(ids.length);
    const receipts = await store.receipts.list(a);
    expect(receipts.map((r) => r.txId).sort()).toEqual([...ids].sort());
    expect(verifyChain(key, a, receipts, await store.receipts.head(a))).toEqual([]);
    expect(await store.callNotes.list(a)).toEqual([]);
  });
});
