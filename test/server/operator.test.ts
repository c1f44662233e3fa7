// The operator's journey over the API, on every store dialect: create an organisation, hand its
// owner the invitation, assign it a number, suspend and resume it, and delete it — notes
// shredded with receipts (the chain stays verifiable), nothing of its content left in the data,
// every change in the operator's audit.
import { expect, it } from 'vitest';
import { sha256Hex } from '../../engine/src/auth/secrets';
import { DEMO_TARGETS } from '../../engine/src/store/bootstrap';
import { describeStores } from '../store/describe-stores';
import { noteWith } from '../privacy/records-env';
import { validFlow } from './fixtures';
import { createHarness, type Harness } from './harness';

const json = async (res: Response) => (await res.json()) as Record<string, any>;
const PASSWORD = 'ein-langes-Passwort-42';

/** The cookie and CSRF token of a response that logged someone in. */
async function loggedIn(res: Response): Promise<{ cookie: string; csrf: string }> {
  const cookie = /callflow_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  const body = await json(res);
  if (!cookie) throw new Error('no session cookie');
  return { cookie, csrf: body.csrfToken as string };
}

async function createOrganisation(h: Harness, name: string, ownerEmail: string) {
  const res = await h.as(h.operator, 'POST', '/api/admin/organisations', { name, ownerEmail });
  expect(res.status).toBe(201);
  return json(res);
}

const tokenOf = (url: string) => new URL(url).hash.replace('#einladung=', '');

describeStores('operator', (d) => {
  it('creates an organisation whose owner accepts the one-time invitation and then runs it', async () => {
    const h = await createHarness({ store: (await d.open()).store });
    const { organisation, invitation } = await createOrganisation(
      h,
      'Kanzlei Zwei',
      'chefin@kanzlei.example',
    );
    expect(organisation).toMatchObject({ name: 'Kanzlei Zwei', status: 'active', members: 0, flows: 0 });
    expect(invitation.url).toMatch(/^http:\/\/localhost:8787\/#einladung=/);
    expect(invitation.expiresAt - Date.now()).toBeGreaterThan(71 * 3600_000);
    // Stored only as a hash.
    expect(await h.store.invitations.find(tokenOf(invitation.url), Date.now())).toBeUndefined();
    expect(await h.store.invitations.find(sha256Hex(tokenOf(invitation.url)), Date.now())).toMatchObject({
      tenantId: organisation.id,
      email: 'chefin@kanzlei.example',
      role: 'owner',
    });

    const accept = await h.as(undefined, 'POST', '/api/invitations/accept', {
      token: tokenOf(invitation.url),
      password: PASSWORD,
      name: 'Dr. Chefin',
    });
    expect(accept.status).toBe(200);
    const owner = await loggedIn(accept.clone());
    expect(await json(accept)).toMatchObject({
      tenant: { id: organisation.id, name: 'Kanzlei Zwei' },
      role: 'owner',
      operator: false,
      user: { email: 'chefin@kanzlei.example', name: 'Dr. Chefin' },
    });
    // One-time: the same link does nothing a second time.
    const again = await h.as(undefined, 'POST', '/api/invitations/accept', {
      token: tokenOf(invitation.url),
      password: PASSWORD,
      name: 'Jemand',
    });
    expect(again.status).toBe(404);

    // The owner works in the new organisation and binds the number the operator assigned.
    for (const target of DEMO_TARGETS) await h.store.handoffTargets.upsert(organisation.id, target);
    const created = await json(await h.as(owner, 'POST', '/api/flows', { flow: validFlow('kanzlei') }));
    expect(
      (await h.as(owner, 'POST', `/api/flows/${created.flow.id}/versions`, { message: 'v1' })).status,
    ).toBe(201);
    const bind = { number: '+4930555123', flowId: created.flow.id };
    expect((await h.as(owner, 'PUT', '/api/numbers', bind)).status).toBe(404);
    expect(
      (
        await h.as(h.operator, 'POST', '/api/admin/numbers', {
          number: '+4930555123',
          organisationId: organisation.id,
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await h.as(h.operator, 'POST', '/api/admin/numbers', {
          number: '+4930555123',
          organisationId: h.own.owner.tenantId,
        })
      ).status,
    ).toBe(409);
    expect((await h.as(owner, 'PUT', '/api/numbers', bind)).status).toBe(200);
    const numbers = await json(await h.as(h.operator, 'GET', '/api/admin/numbers'));
    expect(numbers.numbers).toEqual([
      expect.objectContaining({
        number: '+4930555123',
        organisationId: organisation.id,
        organisationName: 'Kanzlei Zwei',
        flowId: created.flow.id,
        flowName: 'Testablauf',
      }),
    ]);

    // The owner of this organisation sees nothing of the operator's side…
    expect((await h.as(owner, 'GET', '/api/admin/organisations')).status).toBe(403);
    // …and the operator's audit names every change, with ids only.
    const audit = await json(await h.as(h.operator, 'GET', '/api/admin/audit'));
    // (Events of the same millisecond have no order among themselves.)
    const actions = audit.events.map((e: { action: string }) => e.action);
    expect(actions.sort()).toEqual([
      'invitation.accept',
      'invitation.create',
      'number.assign',
      'organisation.create',
    ]);
    expect(JSON.stringify(audit)).not.toContain('chefin@kanzlei.example');
    const own = await json(await h.as(owner, 'GET', '/api/audit'));
    expect(own.events.map((e: { action: string }) => e.action)).toContain('invitation.accept');
  });

  it('refuses an expired invitation and keeps an existing account’s password', async () => {
    const h = await createHarness({ store: (await d.open()).store });
    const { organisation } = await createOrganisation(h, 'Praxis Drei', 'owner@eigene.example');
    const expired = await h.as(undefined, 'POST', '/api/invitations/accept', {
      token: 'x'.repeat(43),
      password: PASSWORD,
      name: 'Niemand',
    });
    expect(expired.status).toBe(404);
    // owner@eigene.example already has an account (harness, no real password hash): it must prove it.
    const { invitation } = await json(
      await h.as(h.operator, 'POST', `/api/admin/organisations/${organisation.id}/invitations`, {
        ownerEmail: 'owner@eigene.example',
      }),
    );
    const wrong = await h.as(undefined, 'POST', '/api/invitations/accept', {
      token: tokenOf(invitation.url),
      password: PASSWORD,
      name: 'Übernahme',
    });
    expect(wrong.status).toBe(401);
    expect(await h.store.memberships.get(organisation.id, h.own.owner.userId)).toBeUndefined();
  });

  it('suspends an organisation: its people are locked out until it is resumed', async () => {
    const h = await createHarness({ store: (await d.open()).store });
    const { organisation, invitation } = await createOrganisation(h, 'Praxis Vier', 'vier@praxis.example');
    const owner = await loggedIn(
      await h.as(undefined, 'POST', '/api/invitations/accept', {
        token: tokenOf(invitation.url),
        password: PASSWORD,
        name: 'Vier',
      }),
    );
    expect((await h.as(owner, 'GET', '/api/flows')).status).toBe(200);
    const suspended = await h.as(h.operator, 'POST', `/api/admin/organisations/${organisation.id}/suspend`);
    expect(await json(suspended)).toMatchObject({ status: 'suspended' });
    expect((await h.as(owner, 'GET', '/api/flows')).status).toBe(401);
    const login = { email: 'vier@praxis.example', password: PASSWORD };
    const refused = await h.as(undefined, 'POST', '/api/auth/login', login);
    expect(refused.status).toBe(403);
    expect((await json(refused)).error.code).toBe('organisation.suspended');
    // Other organisations go on as before.
    expect((await h.as(h.own.owner, 'GET', '/api/flows')).status).toBe(200);

    expect(
      (await h.as(h.operator, 'POST', `/api/admin/organisations/${organisation.id}/resume`)).status,
    ).toBe(200);
    expect((await h.as(undefined, 'POST', '/api/auth/login', login)).status).toBe(200);
  });

  it('deletes an organisation: notes shredded with receipts, chain verifiable, no content left', async () => {
    const db = await d.open();
    const h = await createHarness({ store: db.store });
    const canary = `KANARIE${Math.random().toString(36).slice(2, 10)}`;
    const tenantId = h.own.owner.tenantId;
    const flow = await json(
      await h.as(h.own.owner, 'POST', '/api/flows', { flow: validFlow('geheim', `Ablauf ${canary}`) }),
    );
    await h.as(h.own.owner, 'POST', `/api/flows/${flow.flow.id}/versions`, { message: 'v1' });
    await h.assign('+4930555777', tenantId);
    expect(
      (await h.as(h.own.owner, 'PUT', '/api/numbers', { number: '+4930555777', flowId: flow.flow.id }))
        .status,
    ).toBe(200);
    const txIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const record = noteWith(`${canary}n${i}`);
      txIds.push(record.txId);
      await h.records.accept({
        tenantId,
        flowId: flow.flow.id,
        flowVersion: 1,
        record,
        retention: { mode: 'ttl', days: 7 },
        zeroPersistence: false,
        delivery: { inbox: true },
      });
    }
    await db.checkpoint();
    expect((await db.scanForCanary(canary)).length).toBeGreaterThan(0); // the flow's name, in clear

    const res = await h.as(h.operator, 'DELETE', `/api/admin/organisations/${tenantId}`);
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ shreddedNotes: 3 });

    const receipts = await h.store.receipts.list(tenantId);
    expect(receipts.map((r) => [r.txId, r.reason]).sort()).toEqual(
      txIds.map((t) => [t, 'organisation-deleted']).sort(),
    );
    expect(await h.records.verifyReceipts(tenantId)).toMatchObject({ ok: true, count: 3, closed: true });
    for (const txId of txIds) expect(await db.keys.get(tenantId, txId)).toBeUndefined();
    await db.checkpoint();
    expect(await db.scanForCanary(canary)).toEqual([]);

    expect(await h.store.tenants.get(tenantId)).toBeUndefined();
    expect(await h.store.flows.list(tenantId)).toEqual([]);
    expect(await h.store.memberships.listForTenant(tenantId)).toEqual([]);
    expect(await h.store.tokens.list(tenantId)).toEqual([]);
    expect(await h.store.routing.resolveNumber('+4930555777')).toBeUndefined();
    expect(await h.store.numbers.assign('+4930555777', h.foreign.tenantId)).toBe('assigned');
    expect((await h.as(h.own.owner, 'GET', '/api/flows')).status).toBe(401);
    // The other organisation is untouched.
    expect((await h.as(h.foreign, 'GET', '/api/flows')).status).toBe(200);
    const audit = await json(await h.as(h.operator, 'GET', '/api/admin/audit'));
    expect(audit.events.find((e: { action: string }) => e.action === 'organisation.delete')).toMatchObject({
      targetId: tenantId,
      tenantId,
    });
  });

  it('issues operator tokens for administration only', async () => {
    const h = await createHarness({ store: (await d.open()).store });
    const created = await json(await h.as(h.operator, 'POST', '/api/admin/tokens', { name: 'CLI' }));
    expect(created.secret).toMatch(/^cf_/);
    expect((await h.withToken(created.secret, 'GET', '/api/admin/organisations')).status).toBe(200);
    expect((await h.withToken(created.secret, 'GET', '/api/flows')).status).toBe(403);
    expect((await h.as(h.own.owner, 'POST', '/api/admin/tokens', { name: 'x' })).status).toBe(403);
    expect((await h.as(h.operator, 'DELETE', `/api/admin/tokens/${created.token.id}`)).status).toBe(204);
    expect((await h.withToken(created.secret, 'GET', '/api/admin/organisations')).status).toBe(401);
  });
});
