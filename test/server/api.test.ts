// The Flow API through app.request(): happy paths, validation errors, ETag conflicts, roles,
// tokens, audit and the transport-level promises (headers, limits, error shape).
import { beforeEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../../engine/src/auth/passwords';
import { brokenFlow, changedFlow, validFlow } from './fixtures';
import { createHarness, publishedFlow, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});

const json = async (res: Response) => (await res.json()) as Record<string, any>;

describe('auth', () => {
  it('logs in with e-mail and password, sets an HttpOnly session cookie and answers /api/me with it', async () => {
    const user = await h.store.users.create(
      'chefin@eigene.example',
      await hashPassword('richtig-langes-passwort'),
    );
    await h.store.memberships.add(h.own.owner.tenantId, user.id, 'editor');
    const res = await h.as(undefined, 'POST', '/api/auth/login', {
      email: 'Chefin@eigene.example',
      password: 'richtig-langes-passwort',
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/callflow_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const body = await json(res);
    expect(body.role).toBe('editor');
    const me = await h.app.request('/api/me', { headers: { Cookie: cookie.split(';')[0] } });
    expect(me.status).toBe(200);
    expect((await json(me)).user.email).toBe('chefin@eigene.example');
    // Writes with the cookie need the CSRF token from the login answer.
    const noCsrf = await h.app.request('/api/auth/logout', {
      method: 'POST',
      headers: { Cookie: cookie.split(';')[0] },
    });
    expect(noCsrf.status).toBe(403);
    const out = await h.app.request('/api/auth/logout', {
      method: 'POST',
      headers: { Cookie: cookie.split(';')[0], 'X-CSRF-Token': body.csrfToken },
    });
    expect(out.status).toBe(204);
    const after = await h.app.request('/api/me', { headers: { Cookie: cookie.split(';')[0] } });
    expect(after.status).toBe(401);
    // Logging in again while the browser still holds a (valid) session cookie just works.
    const again = await h.as(
      h.own.owner,
      'POST',
      '/api/auth/login',
      { email: 'chefin@eigene.example', password: 'richtig-langes-passwort' },
      { 'X-CSRF-Token': '' },
    );
    expect(again.status).toBe(200);
  });

  it('answers a wrong password and an unknown e-mail identically, and rate-limits guessing', async () => {
    const user = await h.store.users.create(
      'a@eigene.example',
      await hashPassword('richtig-langes-passwort'),
    );
    await h.store.memberships.add(h.own.owner.tenantId, user.id, 'owner');
    const wrong = await h.as(undefined, 'POST', '/api/auth/login', {
      email: 'a@eigene.example',
      password: 'falsch',
    });
    const unknown = await h.as(undefined, 'POST', '/api/auth/login', {
      email: 'niemand@eigene.example',
      password: 'falsch',
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toBe(await unknown.text());
    let last = 0;
    for (let i = 0; i < 11; i++)
      last = (
        await h.as(undefined, 'POST', '/api/auth/login', { email: 'a@eigene.example', password: 'falsch' })
      ).status;
    expect(last).toBe(429);
  });

  it('refuses every API route without credentials with 401, and a bad bearer token too', async () => {
    expect((await h.as(undefined, 'GET', '/api/flows')).status).toBe(401);
    expect((await h.withToken('cf_nope', 'GET', '/api/flows')).status).toBe(401);
  });

  it('refuses cookie-authenticated writes without the CSRF token', async () => {
    const res = await h.as(
      h.own.owner,
      'POST',
      '/api/flows',
      { flow: validFlow() },
      { 'X-CSRF-Token': 'falsch' },
    );
    expect(res.status).toBe(403);
    expect((await json(res)).error.code).toBe('csrf');
  });
});

describe('flows and drafts', () => {
  it('creates from JSON and from a template, lists, reads and deletes', async () => {
    const a = await h.as(h.own.editor, 'POST', '/api/flows', { flow: validFlow('a', 'Ablauf A') });
    expect(a.status).toBe(201);
    const created = await json(a);
    expect(created.flow).toMatchObject({ slug: 'a', name: 'Ablauf A', latestVersion: null });
    expect(created.draft.diagnostics).toEqual([]);
    const t = await h.as(h.own.editor, 'POST', '/api/flows', { template: 'vorlage' });
    expect(t.status).toBe(201);
    const list = await json(await h.as(h.own.viewer, 'GET', '/api/flows'));
    expect(list.flows.map((f: { slug: string }) => f.slug).sort()).toEqual(['a', 'vorlage']);
    expect((await h.as(h.own.viewer, 'GET', `/api/flows/${created.flow.id}`)).status).toBe(200);
    expect((await h.as(h.own.editor, 'DELETE', `/api/flows/${created.flow.id}`)).status).toBe(204);
    expect((await h.as(h.own.viewer, 'GET', `/api/flows/${created.flow.id}`)).status).toBe(404);
  });

  it('lists the example flows as templates for every role', async () => {
    const res = await h.as(h.own.agent, 'GET', '/api/templates');
    expect(res.status).toBe(200);
    expect((await json(res)).templates).toEqual([
      { id: 'vorlage', name: 'Vorlage' },
      { id: 'leer', name: 'Leerer Anrufablauf' },
    ]);
  });

  it('creates from a template by name any number of times, with ids from the name', async () => {
    const slugs: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await h.as(h.own.editor, 'POST', '/api/flows', {
        template: 'vorlage',
        name: 'Praxis Dr. Müller',
      });
      expect(res.status).toBe(201);
      const { flow, draft } = await json(res);
      expect(flow.name).toBe('Praxis Dr. Müller');
      expect(draft.document).toMatchObject({ id: flow.slug, name: 'Praxis Dr. Müller' });
      slugs.push(flow.slug);
    }
    expect(slugs).toEqual(['praxis-dr-mueller', 'praxis-dr-mueller-2', 'praxis-dr-mueller-3']);
    // Without a name, the template's own id; taken, the next free one — never 409.
    const again = await json(await h.as(h.own.editor, 'POST', '/api/flows', { template: 'vorlage' }));
    const twice = await json(await h.as(h.own.editor, 'POST', '/api/flows', { template: 'vorlage' }));
    expect([again.flow.slug, twice.flow.slug]).toEqual(['vorlage', 'vorlage-2']);
    // A copy of a flow (the designer's "Duplizieren") is the same call with the document.
    const copy = await h.as(h.own.editor, 'POST', '/api/flows', {
      flow: again.draft.document,
      name: 'Vorlage (Kopie)',
    });
    expect((await json(copy)).flow).toMatchObject({ slug: 'vorlage-kopie', name: 'Vorlage (Kopie)' });
  });

  it('creates the blank flow with only the required steps, its transfer ringing a target of the organisation', async () => {
    const res = await h.as(h.own.editor, 'POST', '/api/flows', { template: 'leer', name: 'Mein Ablauf' });
    expect(res.status).toBe(201);
    const { draft } = await json(res);
    const nodes = draft.document.nodes as Record<string, { kind: string; target?: string }>;
    expect(
      Object.values(nodes)
        .map((n) => n.kind)
        .sort(),
    ).toEqual(['consent', 'end', 'handoff']);
    const targets = await json(await h.as(h.own.owner, 'GET', '/api/handoff-targets'));
    // The harness organisation has the demo targets: the blank flow is ready to publish as it is.
    expect(targets.targets.length).toBeGreaterThan(0);
    expect(Object.values(nodes).find((n) => n.kind === 'handoff')!.target).toBe(targets.targets[0].id);
    expect(draft.diagnostics.filter((d: { severity: string }) => d.severity === 'error')).toEqual([]);
  });

  it('rejects bad create requests with a clear error', async () => {
    const both = await h.as(h.own.editor, 'POST', '/api/flows', { flow: validFlow(), template: 'vorlage' });
    expect(both.status).toBe(400);
    expect((await json(both)).error.code).toBe('flow.create-needs-one');
    expect((await h.as(h.own.editor, 'POST', '/api/flows', { template: 'gibtsnicht' })).status).toBe(400);
    expect((await h.as(h.own.editor, 'POST', '/api/flows', { flow: { name: 'ohne id' } })).status).toBe(400);
    const malformed = await h.as(h.own.editor, 'POST', '/api/flows', '{"flow": ');
    expect(malformed.status).toBe(400);
    expect(await json(malformed)).toHaveProperty('error.code');
    await h.as(h.own.editor, 'POST', '/api/flows', { flow: validFlow('x') });
    const dup = await h.as(h.own.editor, 'POST', '/api/flows', { flow: validFlow('x') });
    expect(dup.status).toBe(409);
  });

  it('guards drafts with ETag/If-Match: 428 without, 412 on a stale ETag, 200 with diagnostics', async () => {
    const { flow } = await json(await h.as(h.own.editor, 'POST', '/api/flows', { flow: validFlow() }));
    const read = await h.as(h.own.editor, 'GET', `/api/flows/${flow.id}/draft`);
    const etag = read.headers.get('etag') ?? '';
    expect(etag).toMatch(/^".+"$/);
    const path = `/api/flows/${flow.id}/draft`;
    expect((await h.as(h.own.editor, 'PUT', path, brokenFlow())).status).toBe(428);
    const saved = await h.as(h.own.editor, 'PUT', path, brokenFlow(), { 'If-Match': etag });
    expect(saved.status).toBe(200);
    const body = await json(saved);
    expect(body.diagnostics.map((d: { code: string }) => d.code)).toContain('handoff.target-not-allowed');
    expect(body.diagnostics[0].message).toHaveProperty('de');
    // A second editor still holding the old ETag cannot overwrite silently.
    const stale = await h.as(h.own.owner, 'PUT', path, validFlow(), { 'If-Match': etag });
    expect(stale.status).toBe(412);
    expect((await json(stale)).error.details.etag).toBe(saved.headers.get('etag'));
  });
});

describe('versions', () => {
  it('publishes, refuses while the draft has errors, lists, reads, diffs and rolls back', async () => {
    const { flow, draft } = await json(await h.as(h.own.editor, 'POST', '/api/flows', { flow: validFlow() }));
    const base = `/api/flows/${flow.id}`;
    const v1 = await h.as(h.own.editor, 'POST', `${base}/versions`, { message: 'erste Version' });
    expect(v1.status).toBe(201);
    expect((await json(v1)).version.number).toBe(1);
    const same = await h.as(h.own.editor, 'POST', `${base}/versions`, { message: 'nochmal' });
    expect(same.status).toBe(200);
    expect((await json(same)).created).toBe(false);

    const broken = await h.as(h.own.editor, 'PUT', `${base}/draft`, brokenFlow(), { 'If-Match': draft.etag });
    const refused = await h.as(h.own.editor, 'POST', `${base}/versions`, { message: 'kaputt' });
    expect(refused.status).toBe(422);
    expect((await json(refused)).error.details.diagnostics.length).toBeGreaterThan(0);

    await h.as(h.own.editor, 'PUT', `${base}/draft`, changedFlow(), {
      'If-Match': broken.headers.get('etag') ?? '',
    });
    expect((await h.as(h.own.editor, 'POST', `${base}/versions`, { message: 'zweite Frage' })).status).toBe(
      201,
    );
    const list = await json(await h.as(h.own.viewer, 'GET', `${base}/versions`));
    expect(list.versions.map((v: { number: number }) => v.number)).toEqual([2, 1]);
    const one = await json(await h.as(h.own.viewer, 'GET', `${base}/versions/1`));
    expect(one.flow.id).toBe('test-ablauf');
    const diff = await json(await h.as(h.own.viewer, 'GET', `${base}/versions/1/diff/2`));
    expect(diff.changes.length).toBeGreaterThan(0);
    expect(JSON.stringify(diff.changes)).toContain('concern');

    const rb = await h.as(h.own.editor, 'POST', `${base}/versions/1/rollback`);
    expect(rb.status).toBe(201);
    const v3 = (await json(rb)).version;
    expect(v3.number).toBe(3);
    expect(v3.contentHash).toBe(
      (await json(await h.as(h.own.viewer, 'GET', `${base}/versions/1`))).contentHash,
    );
    const draftNow = await json(await h.as(h.own.viewer, 'GET', `${base}/draft`));
    expect(JSON.stringify(draftNow.document)).not.toContain('concern');
  });

  it('answers 404 for versions that do not exist or are malformed', async () => {
    const id = await publishedFlow(h, h.own.editor, 'v');
    for (const v of ['2', '0', '-1', 'null', '1.5', 'x'.repeat(500)]) {
      expect((await h.as(h.own.viewer, 'GET', `/api/flows/${id}/versions/${v}`)).status).toBe(404);
    }
  });

  it('validates posted JSON without storing anything', async () => {
    const ok = await json(await h.as(h.own.viewer, 'POST', '/api/validate', validFlow()));
    expect(ok.ok).toBe(true);
    expect(ok.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const bad = await json(await h.as(h.own.viewer, 'POST', '/api/validate', brokenFlow()));
    expect(bad.ok).toBe(false);
    expect((await json(await h.as(h.own.viewer, 'GET', '/api/flows'))).flows).toEqual([]);
  });
});

describe('numbers', () => {
  it('binds an assigned E.164 number to a published flow, following the latest version by default', async () => {
    const id = await publishedFlow(h, h.own.editor, 'n');
    await h.assign('+4930123456', h.own.owner.tenantId);
    expect((await json(await h.as(h.own.viewer, 'GET', '/api/numbers'))).assigned).toEqual(['+4930123456']);
    const res = await h.as(h.own.editor, 'PUT', '/api/numbers', { number: '+4930123456', flowId: id });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ number: '+4930123456', flowId: id, version: null });
    expect((await json(await h.as(h.own.viewer, 'GET', '/api/numbers'))).numbers).toHaveLength(1);
    const routed = await h.store.routing.resolveNumber('+4930123456');
    expect(routed?.version.number).toBe(1);
    // A bound flow cannot be deleted from under the phone line; unbound, it can.
    expect((await h.as(h.own.owner, 'DELETE', `/api/flows/${id}`)).status).toBe(409);
    expect((await h.as(h.own.viewer, 'DELETE', '/api/numbers/+4930123456')).status).toBe(403);
    expect((await h.as(h.own.editor, 'DELETE', '/api/numbers/+4930123456')).status).toBe(204);
    expect(await h.store.routing.resolveNumber('+4930123456')).toBeUndefined();
    expect((await h.as(h.own.editor, 'DELETE', '/api/numbers/+4930123456')).status).toBe(404);
    expect((await h.as(h.own.owner, 'DELETE', `/api/flows/${id}`)).status).toBe(204);
  });

  it('takes a number as typed („030 123456“), rejects what is no number (German first) and unpublished flows', async () => {
    const id = await publishedFlow(h, h.own.editor, 'n');
    for (const number of ['+0000', 'abc', '12', '030 123456; x']) {
      const res = await h.as(h.own.editor, 'PUT', '/api/numbers', { number, flowId: id });
      expect(res.status, number).toBe(400);
      expect((await json(res)).error.message).toMatch(/^Keine Rufnummer/);
    }
    // The typing mistake is named even before a flow is chosen (a form sent while its list loads).
    const early = await h.as(h.own.editor, 'PUT', '/api/numbers', { number: 'abc', flowId: '' });
    expect(early.status).toBe(400);
    expect((await json(early)).error.message).toMatch(/^Keine Rufnummer/);
    await h.assign('+4930123456', h.own.owner.tenantId);
    for (const number of ['030 123456', '+49 30 123456', '0049 30 123456']) {
      const res = await h.as(h.own.editor, 'PUT', '/api/numbers', { number, flowId: id });
      expect(res.status, number).toBe(200);
      expect((await json(res)).number).toBe('+4930123456');
    }
    const { flow } = await json(await h.as(h.own.editor, 'POST', '/api/flows', { flow: validFlow('neu') }));
    expect(
      (await h.as(h.own.editor, 'PUT', '/api/numbers', { number: '+4930123456', flowId: flow.id })).status,
    ).toBe(422);
  });

  it("cannot bind, unbind or detect another organisation's number: the same 404 as a number nobody has", async () => {
    const id = await publishedFlow(h, h.own.editor, 'n');
    const foreignFlow = await publishedFlow(h, h.foreign, 'fremd');
    await h.assign('+4930999999', h.foreign.tenantId);
    expect(
      (await h.as(h.foreign, 'PUT', '/api/numbers', { number: '+4930999999', flowId: foreignFlow })).status,
    ).toBe(200);
    const answers: string[] = [];
    for (const number of ['+4930999999', '+4930888888']) {
      const bind = await h.as(h.own.owner, 'PUT', '/api/numbers', { number, flowId: id });
      const unbind = await h.as(h.own.owner, 'DELETE', `/api/numbers/${number}`);
      expect([bind.status, unbind.status]).toEqual([404, 404]);
      answers.push(JSON.stringify([await bind.json(), await unbind.json()]));
    }
    expect(answers[0]).toBe(answers[1]);
    const listed = JSON.stringify(await json(await h.as(h.own.owner, 'GET', '/api/numbers')));
    expect(listed).not.toContain('+4930999999');
    expect(await h.store.routing.resolveNumber('+4930999999')).toMatchObject({
      tenantId: h.foreign.tenantId,
      flowId: foreignFlow,
    });
  });
});

describe('transfer targets', () => {
  it('lists, adds and changes targets; foreign and premium numbers need allowSpecial', async () => {
    const listed = await json(await h.as(h.own.viewer, 'GET', '/api/handoff-targets'));
    expect(listed.targets.map((t: { id: string }) => t.id)).toEqual([
      'empfang',
      'sekretariat',
      'support-team',
    ]);
    const add = (body: unknown) => h.as(h.own.owner, 'POST', '/api/handoff-targets', body);
    expect((await add({ id: 'labor', label: 'Labor', number: '+493023125010' })).status).toBe(201);
    expect((await add({ id: 'labor', label: 'Labor', number: '+493023125010' })).status).toBe(409);
    expect((await add({ id: 'teuer', label: 'Hotline', number: '+499001234567' })).status).toBe(422);
    expect((await add({ id: 'wien', label: 'Wien', number: '+4315121234' })).status).toBe(422);
    expect((await add({ id: 'wien', label: 'Wien', number: '+4315121234', allowSpecial: true })).status).toBe(
      201,
    );
    expect((await add({ id: 'kaputt', label: 'x', number: '0301234' })).status).toBe(400);
    expect((await add({ id: 'Gross Buchstaben', label: 'x', number: '+493023125010' })).status).toBe(400);
    const changed = await h.as(h.own.owner, 'PUT', '/api/handoff-targets/labor', {
      label: 'Labor 2',
      number: '+493023125011',
    });
    expect(changed.status).toBe(200);
    expect(await json(changed)).toMatchObject({ id: 'labor', label: 'Labor 2' });
    expect(
      (
        await h.as(h.own.owner, 'PUT', '/api/handoff-targets/gibtsnicht', {
          label: 'x',
          number: '+493023125011',
        })
      ).status,
    ).toBe(404);
    expect(
      (await h.as(h.own.editor, 'PUT', '/api/handoff-targets/labor', { label: 'x', number: '+493023125011' }))
        .status,
    ).toBe(403);
  });

  it("compiles drafts against the organisation's own targets", async () => {
    const flow = validFlow();
    (flow.nodes as Record<string, { target?: string }>).weiterleitung.target = 'labor';
    const before = await json(await h.as(h.own.viewer, 'POST', '/api/validate', flow));
    expect(before.ok).toBe(false);
    await h.as(h.own.owner, 'POST', '/api/handoff-targets', {
      id: 'labor',
      label: 'Labor',
      number: '+493023125010',
    });
    expect((await json(await h.as(h.own.viewer, 'POST', '/api/validate', flow))).ok).toBe(true);
  });
});

describe('tokens and roles', () => {
  it('shows a token secret once, stores only its hash, honours scopes and revocation', async () => {
    const res = await h.as(h.own.owner, 'POST', '/api/tokens', {
      name: 'CI',
      scopes: ['flows:read', 'flows:write'],
    });
    expect(res.status).toBe(201);
    const { token, secret } = await json(res);
    expect(secret).toMatch(/^cf_/);
    const listed = await h.as(h.own.owner, 'GET', '/api/tokens');
    expect(await listed.text()).not.toContain(secret);
    expect((await h.withToken(secret, 'GET', '/api/flows')).status).toBe(200);
    // No CSRF needed for bearer tokens (not sent automatically by browsers).
    expect((await h.withToken(secret, 'POST', '/api/flows', { flow: validFlow() })).status).toBe(201);
    const flows = await json(await h.withToken(secret, 'GET', '/api/flows'));
    const flowId = flows.flows[0].id;
    expect(
      (await h.withToken(secret, 'POST', `/api/flows/${flowId}/versions`, { message: 'x' })).status,
    ).toBe(403);
    expect((await h.as(h.own.owner, 'DELETE', `/api/tokens/${token.id}`)).status).toBe(204);
    expect((await h.withToken(secret, 'GET', '/api/flows')).status).toBe(401);
  });

  it('never lets a token exceed its creator role, and only owners manage tokens', async () => {
    expect((await h.as(h.own.owner, 'POST', '/api/tokens', { name: 'x', scopes: ['nonsense'] })).status).toBe(
      400,
    );
    expect(
      (await h.as(h.own.editor, 'POST', '/api/tokens', { name: 'x', scopes: ['flows:read'] })).status,
    ).toBe(403);
  });

  it('applies roles: viewers read, editors write, auditors read the audit log', async () => {
    expect((await h.as(h.own.viewer, 'POST', '/api/flows', { flow: validFlow() })).status).toBe(403);
    expect((await h.as(h.own.agent, 'POST', '/api/flows', { flow: validFlow() })).status).toBe(403);
    const id = await publishedFlow(h, h.own.editor, 'rolle');
    expect((await h.as(h.own.viewer, 'POST', `/api/flows/${id}/versions`, { message: 'x' })).status).toBe(
      403,
    );
    expect(
      (await h.as(h.own.viewer, 'PUT', '/api/numbers', { number: '+4930123456', flowId: id })).status,
    ).toBe(403);
    expect((await h.as(h.own.viewer, 'GET', '/api/audit')).status).toBe(403);
    const audit = await json(await h.as(h.own.auditor, 'GET', '/api/audit'));
    expect(audit.events.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['flow.create', 'version.publish']),
    );
    // Ids only: the audit log never repeats flow content or names.
    expect(JSON.stringify(audit)).not.toContain('rolle');
    expect(JSON.stringify(audit)).not.toContain('Sie sprechen');
  });
});

describe('transport', () => {
  it('sends security headers, no-store on API answers and the uniform error shape', async () => {
    const res = await h.as(h.own.viewer, 'GET', '/api/flows');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const missing = await h.as(h.own.viewer, 'GET', '/api/gibtsnicht');
    expect(missing.status).toBe(404);
    expect(await json(missing)).toEqual({
      error: { code: 'not_found', message: expect.any(String), details: null },
    });
  });

  it('under https: HSTS, and a Secure __Host- session cookie; never HSTS on plain http', async () => {
    expect((await h.app.request('/healthz')).headers.get('strict-transport-security')).toBeNull();
    const secure = await createHarness({ publicBaseUrl: 'https://praxis.example' });
    const user = await secure.store.users.create(
      's@eigene.example',
      await hashPassword('richtig-langes-passwort'),
    );
    await secure.store.memberships.add(secure.own.owner.tenantId, user.id, 'owner');
    const res = await secure.as(undefined, 'POST', '/api/auth/login', {
      email: 's@eigene.example',
      password: 'richtig-langes-passwort',
    });
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^__Host-callflow_session=/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/Path=\//);
  });

  it('refuses bodies over 1 MB with 413', async () => {
    const big = JSON.stringify({ flow: { id: 'gross', pad: 'x'.repeat(1_100_000) } });
    const res = await h.as(h.own.editor, 'POST', '/api/flows', big);
    expect(res.status).toBe(413);
  });

  it('publishes an OpenAPI 3.1 document and a docs page without inline scripts', async () => {
    const doc = await json(await h.app.request('/api/openapi.json'));
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/flows/{id}/versions/{a}/diff/{b}', '/api/numbers']),
    );
    const page = await (await h.app.request('/api/docs')).text();
    expect(page).toContain('src="/api/docs/init.js"');
    expect(page).not.toMatch(/<script>[^<]/);
    expect((await h.app.request('/api/docs/init.js')).status).toBe(200);
    expect((await h.app.request('/api/docs/swagger-ui-bundle.js')).status).toBe(200);
    expect((await h.app.request('/api/docs/..%2Fpackage.json')).status).toBe(404);
  });

  it('answers health and readiness', async () => {
    expect((await h.app.request('/healthz')).status).toBe(200);
    expect(await json(await h.app.request('/readyz'))).toEqual({
      ok: true,
      checks: { database: { ok: true }, queue: { ok: true }, shutdown: { ok: true } },
    });
  });

  it('serves a plain page when the designer is not built', async () => {
    const res = await h.app.request('/flows/irgendwas');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('npm run build:designer');
  });

  it('logs requests without bodies, paths with ids or caller content', async () => {
    await h.as(h.own.editor, 'POST', '/api/flows', { flow: validFlow('geheim-slug', 'Geheimer Name') });
    const log = h.logLines.join('');
    expect(log).toContain('"route":"/api/flows"');
    expect(log).not.toContain('Geheimer Name');
    expect(log).not.toContain('geheim-slug');
  });
});
