// The team (issue 20) through the API: invitations with roles, role changes and removal ending
// the person's sessions at once, the last owner, owner-issued reset links, own password changes
// against the common-password list, the e-mail reset's constant answer and limit, and two-factor
// login (wrong code, reused code, recovery code twice, the attempt limit, required enrolment).
import { Secret, TOTP } from 'otpauth';
import { beforeEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../../engine/src/auth/passwords';
import { createHarness, type Actor, type Harness } from './harness';

const STRONG = 'Kaffeemaschine-Wartezimmer-42';
let h: Harness;
let clock: number;

beforeEach(async () => {
  clock = Date.now();
  h = await createHarness({ now: () => clock });
});

const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;
const cookieOf = (res: Response) => /callflow_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];

async function invite(email: string, role: string): Promise<string> {
  const res = await h.as(h.own.owner, 'POST', '/api/members/invitations', { email, role });
  expect(res.status).toBe(201);
  const { invitation } = await json<{ invitation: { url: string; emailed: boolean } }>(res);
  expect(invitation.emailed).toBe(false);
  return invitation.url.split('#einladung=')[1];
}

async function login(email: string, password: string, extra: Record<string, string> = {}) {
  return h.as(undefined, 'POST', '/api/auth/login', { email, password, ...extra });
}

async function loggedIn(res: Response): Promise<Actor> {
  expect(res.status).toBe(200);
  const me = await json<{ csrfToken: string; user: { id: string }; tenant: { id: string }; role: string }>(
    res,
  );
  return { cookie: cookieOf(res)!, csrf: me.csrfToken, userId: me.user.id, tenantId: me.tenant.id } as Actor;
}

/** Gives the person a real password (which ends their sessions) and logs them in again. */
async function withPassword(actor: Actor, email: string): Promise<Actor> {
  await h.store.users.setPassword(actor.userId, await hashPassword(STRONG));
  return { ...(await loggedIn(await login(email, STRONG))), role: actor.role };
}

describe('members', () => {
  it('invites with a role; the invited person joins with that role (and a password not on the common list)', async () => {
    const token = await invite('empfang@eigene.example', 'agent');
    const common = await h.as(undefined, 'POST', '/api/invitations/accept', {
      token,
      password: 'passwort1234',
      name: 'Empfang',
    });
    expect(common.status).toBe(400);
    expect((await json<{ error: { code: string } }>(common)).error.code).toBe('password.common');
    const accepted = await h.as(undefined, 'POST', '/api/invitations/accept', {
      token,
      password: STRONG,
      name: 'Empfang',
    });
    expect(accepted.status).toBe(200);
    expect((await json<{ role: string }>(accepted)).role).toBe('agent');
    const list = await json<{ members: { email: string; role: string }[] }>(
      await h.as(h.own.owner, 'GET', '/api/members'),
    );
    expect(list.members).toContainEqual(
      expect.objectContaining({ email: 'empfang@eigene.example', role: 'agent' }),
    );
    // Already a member: no second invitation.
    const again = await h.as(h.own.owner, 'POST', '/api/members/invitations', {
      email: 'empfang@eigene.example',
      role: 'viewer',
    });
    expect(again.status).toBe(409);
  });

  it('only owners manage the team', async () => {
    for (const role of ['editor', 'agent', 'auditor', 'viewer'] as const) {
      expect((await h.as(h.own[role], 'GET', '/api/members')).status).toBe(403);
      expect(
        (await h.as(h.own[role], 'POST', '/api/members/invitations', { email: 'x@y.example', role: 'owner' }))
          .status,
      ).toBe(403);
      expect((await h.as(h.own[role], 'DELETE', `/api/members/${h.own.viewer.userId}`)).status).toBe(403);
    }
  });

  it("a role change ends the person's sessions and tokens in this organisation at once", async () => {
    const token = await h.as(h.own.editor, 'POST', '/api/tokens', { name: 'x', scopes: ['flows:read'] });
    expect(token.status).toBe(403); // editors mint no tokens; make one as the owner for the editor instead
    await h.store.tokens.create(h.own.editor.tenantId, {
      id: 'tok_editor',
      userId: h.own.editor.userId,
      name: 'Editor-Token',
      scopes: ['flows:read'],
      secretHash: 'hash-of-editor-token',
    });
    expect((await h.as(h.own.editor, 'GET', '/api/flows')).status).toBe(200);
    const changed = await h.as(h.own.owner, 'PUT', `/api/members/${h.own.editor.userId}`, { role: 'viewer' });
    expect(changed.status).toBe(200);
    expect((await json<{ role: string }>(changed)).role).toBe('viewer');
    expect((await h.as(h.own.editor, 'GET', '/api/flows')).status).toBe(401);
    expect(await h.store.tokens.list(h.own.editor.tenantId)).not.toContainEqual(
      expect.objectContaining({ id: 'tok_editor' }),
    );
    const events = await h.store.audit.list(h.own.owner.tenantId, { limit: 10 });
    expect(events).toContainEqual(
      expect.objectContaining({ action: 'member.role', targetId: h.own.editor.userId }),
    );
  });

  it('removing someone ends their open session; the last owner stays', async () => {
    expect((await h.as(h.own.agent, 'GET', '/api/calls')).status).toBe(200);
    expect((await h.as(h.own.owner, 'DELETE', `/api/members/${h.own.agent.userId}`)).status).toBe(204);
    expect((await h.as(h.own.agent, 'GET', '/api/calls')).status).toBe(401);
    expect(await h.store.memberships.get(h.own.owner.tenantId, h.own.agent.userId)).toBeUndefined();

    const demote = await h.as(h.own.owner, 'PUT', `/api/members/${h.own.owner.userId}`, { role: 'editor' });
    expect(demote.status).toBe(409);
    expect((await json<{ error: { code: string } }>(demote)).error.code).toBe('member.last_owner');
    expect((await h.as(h.own.owner, 'DELETE', `/api/members/${h.own.owner.userId}`)).status).toBe(409);
    // With a second owner, the first may step down.
    expect(
      (await h.as(h.own.owner, 'PUT', `/api/members/${h.own.editor.userId}`, { role: 'owner' })).status,
    ).toBe(200);
    expect(
      (await h.as(h.own.owner, 'PUT', `/api/members/${h.own.owner.userId}`, { role: 'editor' })).status,
    ).toBe(200);
  });

  it('issues a reset link only for a member of no other organisation', async () => {
    // The viewer also joins the foreign organisation: only the e-mail reset remains.
    await h.store.memberships.add(h.foreign.tenantId, h.own.viewer.userId, 'viewer');
    const refused = await h.as(h.own.owner, 'POST', `/api/members/${h.own.viewer.userId}/password-reset`);
    expect(refused.status).toBe(409);
    expect((await json<{ error: { code: string } }>(refused)).error.code).toBe('member.other_organisations');

    const auditor = await withPassword(h.own.auditor, 'auditor@eigene.example');
    const issued = await h.as(h.own.owner, 'POST', `/api/members/${h.own.auditor.userId}/password-reset`);
    expect(issued.status).toBe(201);
    const { url } = await json<{ url: string }>(issued);
    const token = url.split('#passwort=')[1];
    const set = await h.as(undefined, 'POST', '/api/auth/password-reset/confirm', {
      token,
      password: 'Neues-Passwort-fuer-die-Pruefung',
    });
    expect(set.status).toBe(204);
    // The auditor's old session ended; the new password works; the link works once.
    expect((await h.as(auditor, 'GET', '/api/me')).status).toBe(401);
    expect((await login('auditor@eigene.example', 'Neues-Passwort-fuer-die-Pruefung')).status).toBe(200);
    const twice = await h.as(undefined, 'POST', '/api/auth/password-reset/confirm', {
      token,
      password: STRONG,
    });
    expect(twice.status).toBe(404);
  });
});

describe('passwords', () => {
  it('changes your own password: current one needed, common and short ones refused, other sessions end', async () => {
    const editor = await withPassword(h.own.editor, 'editor@eigene.example');
    const other = await loggedIn(await login('editor@eigene.example', STRONG));
    const change = (currentPassword: string, newPassword: string) =>
      h.as(editor, 'PUT', '/api/account/password', { currentPassword, newPassword });
    expect((await change('falsch-falsch-falsch', 'Ein-anderes-langes-Passwort')).status).toBe(401);
    const common = await change(STRONG, 'sommer2024!!!');
    expect((await json<{ error: { code: string } }>(common)).error.code).toBe('password.common');
    const short = await change(STRONG, 'kurz-123');
    expect((await json<{ error: { code: string } }>(short)).error.code).toBe('password.too_short');
    expect((await change(STRONG, 'Ein-anderes-langes-Passwort')).status).toBe(204);
    expect((await h.as(editor, 'GET', '/api/me')).status).toBe(200);
    expect((await h.as(other, 'GET', '/api/me')).status).toBe(401);
    expect((await login('editor@eigene.example', 'Ein-anderes-langes-Passwort')).status).toBe(200);
    const events = await h.store.audit.list(h.own.owner.tenantId, { limit: 20 });
    expect(events).toContainEqual(
      expect.objectContaining({ action: 'password.change', targetId: h.own.editor.userId }),
    );
    expect(JSON.stringify(events)).not.toContain('Ein-anderes-langes-Passwort');
  });

  it('answers the e-mail reset with 202 for known and unknown addresses, and limits asking', async () => {
    const ask = (email: string) => h.as(undefined, 'POST', '/api/auth/password-reset', { email });
    expect((await ask('owner@eigene.example')).status).toBe(202);
    expect((await ask('niemand@nirgends.example')).status).toBe(202);
    expect((await ask('owner@eigene.example')).status).toBe(202);
    const limited = await ask('owner@eigene.example');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('two-factor login', () => {
  async function enrol(actor: Actor): Promise<{ totp: TOTP; recoveryCodes: string[] }> {
    const started = await h.as(actor, 'POST', '/api/account/two-factor');
    expect(started.status).toBe(201);
    const body = await json<{ secret: string; otpauthUri: string; qrSvg: string }>(started);
    expect(body.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect(body.qrSvg).toContain('<svg');
    const totp = new TOTP({ secret: Secret.fromBase32(body.secret) });
    const wrong = await h.as(actor, 'POST', '/api/account/two-factor/confirm', { code: '000000' });
    expect(wrong.status).toBe(400);
    const ok = await h.as(actor, 'POST', '/api/account/two-factor/confirm', {
      code: totp.generate({ timestamp: clock }),
    });
    expect(ok.status).toBe(200);
    const { recoveryCodes } = await json<{ recoveryCodes: string[] }>(ok);
    expect(recoveryCodes).toHaveLength(10);
    return { totp, recoveryCodes };
  }

  it('asks for the code; refuses a wrong one, a used one and a recovery code used twice', async () => {
    const agent = await withPassword(h.own.agent, 'agent@eigene.example');
    const { totp, recoveryCodes } = await enrol(agent);
    // The secret is stored sealed, not as the base32 the app shows.
    const stored = await h.store.twoFactor.get(h.own.agent.userId);
    expect(stored?.secretSealed).not.toContain(totp.secret.base32);

    const noCode = await login('agent@eigene.example', STRONG);
    expect(noCode.status).toBe(401);
    expect((await json<{ error: { code: string } }>(noCode)).error.code).toBe('two_factor.required');
    expect((await login('agent@eigene.example', STRONG, { code: '123456' })).status).toBe(401);

    clock += 30_000;
    const code = totp.generate({ timestamp: clock });
    expect((await login('agent@eigene.example', STRONG, { code })).status).toBe(200);
    const reused = await login('agent@eigene.example', STRONG, { code });
    expect(reused.status).toBe(401);
    expect((await json<{ error: { code: string } }>(reused)).error.code).toBe('two_factor.invalid');

    expect((await login('agent@eigene.example', STRONG, { code: recoveryCodes[0] })).status).toBe(200);
    expect((await login('agent@eigene.example', STRONG, { code: recoveryCodes[0] })).status).toBe(401);
    const events = await h.store.audit.list(h.own.owner.tenantId, { limit: 50 });
    expect(events).toContainEqual(
      expect.objectContaining({ action: 'two_factor.enable', targetId: h.own.agent.userId }),
    );
    expect(JSON.stringify(events)).not.toContain(recoveryCodes[1]);
  });

  it('limits code attempts per account', async () => {
    const agent = await withPassword(h.own.agent, 'agent@eigene.example');
    const { totp } = await enrol(agent); // the right code cleared the wrong one's count
    clock += 30_000;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await login('agent@eigene.example', STRONG, { code: '111111' })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    // Even the right code waits until the window has passed.
    expect(
      (await login('agent@eigene.example', STRONG, { code: totp.generate({ timestamp: clock }) })).status,
    ).toBe(429);
    clock += 16 * 60_000;
    expect(
      (await login('agent@eigene.example', STRONG, { code: totp.generate({ timestamp: clock }) })).status,
    ).toBe(200);
  });

  it("an owner's requirement holds every member to enrol before reaching anything but their account", async () => {
    const set = await h.as(h.own.owner, 'PUT', '/api/organisation/two-factor', { required: true });
    expect(set.status).toBe(200);
    const gated = await h.as(h.own.viewer, 'GET', '/api/flows');
    expect(gated.status).toBe(403);
    expect((await json<{ error: { code: string } }>(gated)).error.code).toBe('two_factor.enrolment_required');
    const me = await json<{ twoFactor: { enabled: boolean; required: boolean } }>(
      await h.as(h.own.viewer, 'GET', '/api/me'),
    );
    expect(me.twoFactor).toEqual({ enabled: false, required: true });
    await enrol(h.own.viewer);
    expect((await h.as(h.own.viewer, 'GET', '/api/flows')).status).toBe(200);
  });

  it('under https the operator and owners must enrol; other roles need not', async () => {
    const secure = await createHarness({ publicBaseUrl: 'https://callflow.example', now: () => clock });
    const cookie = (a: { cookie: string; csrf: string }) => ({
      Cookie: `__Host-callflow_session=${a.cookie}`,
      'X-CSRF-Token': a.csrf,
    });
    const get = (a: { cookie: string; csrf: string }, path: string) =>
      secure.app.request(path, { headers: cookie(a) });
    expect((await get(secure.own.owner, '/api/flows')).status).toBe(403);
    expect((await get(secure.operator, '/api/admin/organisations')).status).toBe(403);
    expect((await get(secure.own.editor, '/api/flows')).status).toBe(200);
    expect((await get(secure.own.owner, '/api/me')).status).toBe(200);
  });
});

describe('organisations of one person', () => {
  it('switches between organisations; a foreign one is 404', async () => {
    await h.store.memberships.add(h.foreign.tenantId, h.own.editor.userId, 'agent');
    const switched = await h.as(h.own.editor, 'PUT', '/api/account/organisation', {
      tenantId: h.foreign.tenantId,
    });
    expect(switched.status).toBe(200);
    const me = await json<{ tenant: { id: string }; role: string; organisations: { id: string }[] }>(
      switched,
    );
    expect(me.tenant.id).toBe(h.foreign.tenantId);
    expect(me.role).toBe('agent');
    expect(me.organisations.map((o) => o.id).sort()).toEqual(
      [h.own.editor.tenantId, h.foreign.tenantId].sort(),
    );
    // The old session is gone.
    expect((await h.as(h.own.editor, 'GET', '/api/me')).status).toBe(401);
    const viewerTries = await h.as(h.own.viewer, 'PUT', '/api/account/organisation', {
      tenantId: h.foreign.tenantId,
    });
    expect(viewerTries.status).toBe(404);
  });
});
