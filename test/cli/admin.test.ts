// `callflow admin …` in-process against the real app on 127.0.0.1 with an operator token:
// create an organisation (invitation link printed), assign and list a number, suspend, and a
// delete that refuses without --yes. An organisation token gets the server's 403.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { OPERATOR_SCOPE } from '../../engine/src/auth/permissions';
import { API_TOKEN_PREFIX, sha256Hex } from '../../engine/src/auth/secrets';
import { startServer, type RunningServer } from '../../engine/src/http/serve';
import { createHarness, type Harness } from '../server/harness';
import { callflow } from './harness';

const OPERATOR_TOKEN = `${API_TOKEN_PREFIX}cli-operator-token`;
const OWNER_TOKEN = `${API_TOKEN_PREFIX}cli-owner-token`;
let h: Harness;
let server: RunningServer;
const admin = (args: string[], token = OPERATOR_TOKEN) =>
  callflow(['admin', ...args], {
    cwd: process.cwd(),
    env: { LANG: 'de_DE.UTF-8', CALLFLOW_URL: `http://127.0.0.1:${server.port}`, CALLFLOW_TOKEN: token },
  });

beforeAll(async () => {
  h = await createHarness();
  await h.store.tokens.create(null, {
    id: 'tok_cli_operator',
    userId: h.operator.userId,
    name: 'CLI',
    scopes: [OPERATOR_SCOPE],
    secretHash: sha256Hex(OPERATOR_TOKEN),
  });
  await h.store.tokens.create(h.own.owner.tenantId, {
    id: 'tok_cli_owner',
    userId: h.own.owner.userId,
    name: 'CLI',
    scopes: ['flows:read'],
    secretHash: sha256Hex(OWNER_TOKEN),
  });
  server = await startServer(h.app.fetch, { port: 0, host: '127.0.0.1', tls: undefined });
});

afterAll(async () => {
  await server?.drain(0);
});

it('creates an organisation, assigns it a number, suspends it, and deletes only with --yes', async () => {
  const created = await admin([
    'organisations',
    'create',
    '--name',
    'Praxis am See',
    '--owner-email',
    'see@praxis.example',
  ]);
  expect(created.code, created.stderr).toBe(0);
  expect(created.stdout).toMatch(/Organisation angelegt: ten_\S+ {2}Praxis am See/);
  expect(created.stdout).toMatch(/http:\/\/localhost:8787\/#einladung=[\w-]{40,}/);
  const id = /(ten_\S+)/.exec(created.stdout)![1];

  const assigned = await admin(['numbers', 'assign', '+4930555000888', '--organisation', id]);
  expect(assigned.code, assigned.stderr).toBe(0);
  expect((await admin(['numbers'])).stdout).toContain('+4930555000888  Praxis am See');
  const again = await admin(['numbers', 'assign', '+4930555000888', '--organisation', id]);
  expect(again.code).toBe(1);
  expect(again.stderr).toContain('number.assigned');

  expect((await admin(['organisations', 'suspend', id])).stdout).toContain('suspended');
  expect((await admin(['organisations'])).stdout).toMatch(new RegExp(`${id}\\s+suspended\\s+Praxis am See`));

  const refused = await admin(['organisations', 'delete', id]);
  expect(refused.code).toBe(2);
  expect(refused.stderr).toContain('--yes');
  expect(await h.store.tenants.get(id)).toBeDefined();
  const deleted = await admin(['organisations', 'delete', id, '--yes']);
  expect(deleted.code, deleted.stderr).toBe(0);
  expect(await h.store.tenants.get(id)).toBeUndefined();
  expect((await admin(['audit'])).stdout).toContain('organisation.delete');
});

it("answers an organisation's token with the server's refusal", async () => {
  const res = await admin(['organisations'], OWNER_TOKEN);
  expect(res.code).toBe(1);
  expect(res.stderr).toContain('(forbidden)');
});
