// The SQLite store's own promises: pragmas, optimistic draft locking, append-only versions,
// one number → one tenant, and tenant scoping at the repository level.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../types';
import { createSqliteStore } from './index';
import { closeSqlite, openSqlite } from './open';

let dir: string;
let store: Store;
let a: string;
let b: string;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'callflow-store-'));
  store = createSqliteStore({ file: path.join(dir, 'test.db') });
  a = (await store.tenants.create('A')).id;
  b = (await store.tenants.create('B')).id;
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const version = { contentHash: 'h1', canonicalJson: '{}', message: 'm', authorId: null };

describe('sqlite store', () => {
  it('opens with WAL, secure_delete and foreign keys, and leaves no WAL behind on close', () => {
    const { client } = openSqlite(path.join(dir, 'probe.db'));
    expect(client.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(client.pragma('secure_delete', { simple: true })).toBe(1);
    expect(client.pragma('foreign_keys', { simple: true })).toBe(1);
    client.prepare("INSERT INTO tenants (id, name, created_at) VALUES ('t', 'x', 0)").run();
    closeSqlite(client);
    expect(statSync(path.join(dir, 'probe.db-wal'), { throwIfNoEntry: false })?.size ?? 0).toBe(0);
  });

  it('saves a draft only against the revision it was read at', async () => {
    const flow = await store.flows.create(a, { slug: 's', name: 'S', document: { v: 1 }, userId: null });
    const first = await store.flows.saveDraft(a, flow.id, { document: { v: 2 }, expectedRevision: 1, userId: null });
    expect(first).toMatchObject({ revision: 2, document: { v: 2 } });
    const stale = await store.flows.saveDraft(a, flow.id, { document: { v: 3 }, expectedRevision: 1, userId: null });
    expect(stale).toMatchObject({ conflict: { revision: 2, document: { v: 2 } } });
  });

  it('numbers versions per flow and never reads across tenants', async () => {
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
    const foreignSave = await store.flows.saveDraft(b, fa.id, { document: {}, expectedRevision: 1, userId: null }).catch((e: Error) => e);
    expect(foreignSave).toBeInstanceOf(Error);
    expect((await store.flows.getDraft(a, fa.id))?.revision).toBe(1);
  });

  it('routes a number to exactly one tenant, following the latest version unless pinned', async () => {
    const fa = await store.flows.create(a, { slug: 's', name: 'S', document: {}, userId: null });
    await store.versions.append(a, fa.id, version);
    expect(await store.numbers.bind(a, { number: '+4930123456', flowId: fa.id, version: null })).not.toBe('taken');
    const fb = await store.flows.create(b, { slug: 's', name: 'S', document: {}, userId: null });
    expect(await store.numbers.bind(b, { number: '+4930123456', flowId: fb.id, version: null })).toBe('taken');
    await store.versions.append(a, fa.id, { ...version, contentHash: 'h2' });
    expect((await store.routing.resolveNumber('+4930123456'))?.version.contentHash).toBe('h2');
    await store.numbers.bind(a, { number: '+4930123456', flowId: fa.id, version: 1 });
    expect((await store.routing.resolveNumber('+4930123456'))?.version.contentHash).toBe('h1');
    expect(await store.routing.resolveNumber('+4930000000')).toBeUndefined();
  });

  it('refuses a second flow with the same slug in one tenant, allows it in another', async () => {
    await store.flows.create(a, { slug: 's', name: 'S', document: {}, userId: null });
    await expect(store.flows.create(a, { slug: 's', name: 'S', document: {}, userId: null })).rejects.toMatchObject({ code: 'flow.slug-taken' });
    await expect(store.flows.create(b, { slug: 's', name: 'S', document: {}, userId: null })).resolves.toBeDefined();
  });
});
