// `callflow members …` in-process against the real app on 127.0.0.1 with an owner's token that
// carries `members:manage`: invite (link printed), list, change a role, refuse to remove without
// --yes, remove, and require two-factor login. A token without the scope gets the server's 403.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { API_TOKEN_PREFIX, sha256Hex } from '../../engine/src/auth/secrets';
import { startServer, type RunningServer } from '../../engine/src/http/serve';
import { createHarness, type Harness } from '../server/harness';
import { callflow } from './harness';

const OWNER_TOKEN = `${API_TOKEN_PREFIX}cli-members-token`;
const READ_TOKEN = `${API_TOKEN_PREFIX}cli-read-only-token`;
let h: Harness;
let server: RunningServer;
const members = (args: string[], token = OWNER_TOKEN) =>
  callflow(['members', ...args], {
    cwd: process.cwd(),
    env: { LANG: 'de_DE.UTF-8', CALLFLOW_URL: `http://127.0.0.1:${server.port}`, CALLFLOW_TOKEN: token },
  });

beforeAll(async () => {
  h = await createHarness();
  for (const [id, secret, scopes] of [
    ['tok_members', OWNER_TOKEN, ['members:manage']],
    ['tok_read', READ_TOKEN, ['flows:read']],
  ] as const)
    await h.store.tokens.create(h.own.owner.tenantId, {
      id,
      userId: h.own.owner.userId,
      name: 'CLI',
      scopes: [...scopes],
      secretHash: sha256Hex(secret),
    });
  server = await startServer(h.app.fetch, { port: 0, host: '127.0.0.1', tls: undefined });
});

afterAll(async () => {
  await server?.drain(0);
});

it('invites, lists, changes a role, removes only with --yes and requires two-factor login', async () => {
  const invited = await members(['invite', '--email', 'neu@eigene.example', '--role', 'agent']);
  expect(invited.code, invited.stderr).toBe(0);
  expect(invited.stdout).toMatch(/http:\/\/localhost:8787\/#einladung=[\w-]{40,}/);

  const list = await members(['list']);
  expect(list.code, list.stderr).toBe(0);
  expect(list.stdout).toContain(`${h.own.editor.userId}  editor   editor@eigene.example`);

  const role = await members(['role', h.own.editor.userId, 'viewer']);
  expect(role.code, role.stderr).toBe(0);
  expect((await h.store.memberships.get(h.own.owner.tenantId, h.own.editor.userId))?.role).toBe('viewer');

  const unconfirmed = await members(['remove', h.own.agent.userId]);
  expect(unconfirmed.code).toBe(2);
  expect(await h.store.memberships.get(h.own.owner.tenantId, h.own.agent.userId)).toBeDefined();
  expect((await members(['remove', h.own.agent.userId, '--yes'])).code).toBe(0);
  expect(await h.store.memberships.get(h.own.owner.tenantId, h.own.agent.userId)).toBeUndefined();

  expect((await members(['require-2fa', 'on'])).stdout).toContain('vorgeschrieben');
  expect((await h.store.tenants.get(h.own.owner.tenantId))?.twoFactorRequired).toBe(true);

  const refused = await members(['list'], READ_TOKEN);
  expect(refused.code).not.toBe(0);
  expect(refused.stderr).toMatch(/403|Rolle/);
});
