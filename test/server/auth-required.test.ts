// Generated from the route table like the isolation test: without credentials — or with an
// expired session, a revoked token or a session cookie but the wrong CSRF token on a write —
// every non-public API route refuses before touching anything.
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../engine/src/auth/secrets';
import { PUBLIC_API_PATHS } from '../../engine/src/http/app';
import { createHarness, type Harness } from './harness';

let h: Harness;
let routes: { method: string; path: string }[];

beforeAll(async () => {
  h = await createHarness();
  routes = h.app.openAPIRegistry.definitions
    .flatMap((d) => (d.type === 'route' ? [d.route as unknown as { method: string; path: string }] : []))
    .filter((r) => !PUBLIC_API_PATHS.has(r.path));
});

const concrete = (path: string) => path.replace(/\{\w+\}/g, '1');
const unsafe = (m: string) => !['get', 'head', 'options'].includes(m);

describe('authentication before anything else (generated from the route table)', () => {
  it('answers 401 to every API route without credentials', async () => {
    expect(routes.length).toBeGreaterThanOrEqual(18);
    for (const r of routes) {
      const res = await h.as(
        undefined,
        r.method.toUpperCase(),
        concrete(r.path),
        unsafe(r.method) ? {} : undefined,
      );
      expect(res.status, `${r.method} ${r.path}`).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
    }
  });

  it('answers 401 to an expired session and a revoked token', async () => {
    const expired = { ...h.own.owner, cookie: 'abgelaufen', csrf: 'x' };
    await h.store.sessions.create({
      idHash: sha256Hex('abgelaufen'),
      tenantId: h.own.owner.tenantId,
      userId: h.own.owner.userId,
      csrfToken: 'x',
      createdAt: 0,
      expiresAt: 1,
    });
    const revoked = 'cf_widerrufen';
    await h.store.tokens.create(h.own.owner.tenantId, {
      id: 'tok_w',
      userId: h.own.owner.userId,
      name: 'w',
      scopes: ['flows:read'],
      secretHash: sha256Hex(revoked),
    });
    await h.store.tokens.delete(h.own.owner.tenantId, 'tok_w');
    for (const r of routes) {
      const body = unsafe(r.method) ? {} : undefined;
      expect(
        (await h.as(expired, r.method.toUpperCase(), concrete(r.path), body)).status,
        `${r.method} ${r.path}`,
      ).toBe(401);
      expect(
        (await h.withToken(revoked, r.method.toUpperCase(), concrete(r.path), body)).status,
        `${r.method} ${r.path}`,
      ).toBe(401);
    }
  });

  it('answers 403 csrf to every cookie-authenticated write without the right token', async () => {
    for (const r of routes.filter((x) => unsafe(x.method))) {
      const res = await h.as(
        h.own.owner,
        r.method.toUpperCase(),
        concrete(r.path),
        {},
        { 'X-CSRF-Token': 'falsch' },
      );
      expect(res.status, `${r.method} ${r.path}`).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('csrf');
    }
  });
});
