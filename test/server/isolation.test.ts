// Tenant isolation, generated from the route table (the OpenAPI registry of createApp): every
// authenticated route × every role of one organisation (and an API token) × another
// organisation's ids — and malformed ids ("", "null", arrays, very long) — answers 404 and never
// contains the other organisation's data. The operator's routes (/api/admin/…) answer 403 to
// every organisation role and token; the operator (session outside every organisation, and an
// operator token) gets 403/404 and no data on every organisation route. A new route is covered
// the moment it is registered; if it takes an id this test does not know yet, the test fails
// and says what to add.
import { beforeAll, describe, expect, it } from 'vitest';
import { API_TOKEN_PREFIX, sha256Hex } from '../../engine/src/auth/secrets';
import { OPERATOR_SCOPE, TOKEN_SCOPES } from '../../engine/src/auth/permissions';
import { PUBLIC_API_PATHS } from '../../engine/src/http/app';
import { ROLES } from '../../engine/src/store/types';
import { noteWith } from '../privacy/records-env';
import { createHarness, publishedFlow, type Actor, type Harness } from './harness';

interface RouteDef {
  method: string;
  path: string;
  request?: { body?: { content?: Record<string, { schema?: unknown }> } };
}

let h: Harness;
let routes: RouteDef[];
/** Ids of the foreign organisation, by path resource (`flows`) or body key (`flowId`). */
let foreignIds: Record<string, string>;
let ownFlow: string;
/** Strings that must never appear in an answer to the own organisation. */
let secrets: string[];
const OWN_TOKEN = `${API_TOKEN_PREFIX}isolation-test-token-with-all-scopes`;
const OPERATOR_TOKEN = `${API_TOKEN_PREFIX}isolation-test-operator-token`;
const OWN_CALL = 'tx_own_isolation_note';

type Caller = { label: string; send: (method: string, path: string, body?: unknown) => Promise<Response> };
/** Everyone inside the own organisation: every role and an API token with every scope. */
let callers: Caller[];
/** The operator: its session outside every organisation, and an operator token. */
let operators: Caller[];
const isAdmin = (r: RouteDef) => r.path.startsWith('/api/admin/');

beforeAll(async () => {
  h = await createHarness();
  const foreignFlow = await publishedFlow(h, h.foreign, 'fremd-geheim', 'Fremder Geheimname');
  const tokenRes = await h.as(h.foreign, 'POST', '/api/tokens', {
    name: 'Fremdes Token',
    scopes: ['flows:read'],
  });
  const foreignToken = ((await tokenRes.json()) as { token: { id: string } }).token.id;
  await h.assign('+498911122233', h.foreign.tenantId);
  expect(
    (await h.as(h.foreign, 'PUT', '/api/numbers', { number: '+498911122233', flowId: foreignFlow })).status,
  ).toBe(200);
  await h.store.handoffTargets.upsert(h.foreign.tenantId, {
    id: 'fremd-ziel',
    label: 'Fremdes Ziel',
    number: '+493023125999',
    allowSpecial: false,
  });
  // A stored call note of the other organisation (inbox and data-subject routes).
  const foreignCall = 'tx_foreign_isolation_note';
  await h.records.accept({
    tenantId: h.foreign.tenantId,
    flowId: foreignFlow,
    flowVersion: 1,
    record: noteWith('FremdeNotiz', { txId: foreignCall }),
    retention: { mode: 'ttl', days: 7 },
    zeroPersistence: false,
    delivery: { inbox: true },
  });
  foreignIds = {
    flows: foreignFlow,
    tokens: foreignToken,
    'handoff-targets': 'fremd-ziel',
    flowId: foreignFlow,
    tokenId: foreignToken,
    calls: foreignCall,
    txId: foreignCall,
    numbers: '+498911122233',
    organisations: h.foreign.tenantId,
    organisationId: h.foreign.tenantId,
    tenantId: h.foreign.tenantId,
    members: h.foreign.userId,
    // A vendor's voice id belongs to no organisation; the flow in the path is what must be foreign.
    voiceId: 'voice-fremd',
  };
  secrets = [
    foreignFlow,
    foreignToken,
    foreignCall,
    'FremdeNotiz',
    'fremd-ziel',
    'Fremdes Ziel',
    '+493023125999',
    'fremd-geheim',
    'Fremder Geheimname',
    'Fremdes Token',
    '+498911122233',
    h.foreign.tenantId,
    h.foreign.userId,
  ];
  ownFlow = await publishedFlow(h, h.own.owner, 'eigen');
  // An own note too: the operator (no member here) must not reach it either.
  await h.records.accept({
    tenantId: h.own.owner.tenantId,
    flowId: ownFlow,
    flowVersion: 1,
    record: noteWith('EigeneNotiz', { txId: OWN_CALL }),
    retention: { mode: 'ttl', days: 7 },
    zeroPersistence: false,
    delivery: { inbox: true },
  });
  await h.store.tokens.create(h.own.owner.tenantId, {
    id: 'tok_isolation',
    userId: h.own.owner.userId,
    name: 'alle Rechte',
    scopes: [...TOKEN_SCOPES],
    secretHash: sha256Hex(OWN_TOKEN),
  });
  await h.store.tokens.create(null, {
    id: 'tok_operator',
    userId: h.operator.userId,
    name: 'Betrieb',
    scopes: [OPERATOR_SCOPE],
    secretHash: sha256Hex(OPERATOR_TOKEN),
  });
  routes = h.app.openAPIRegistry.definitions
    .flatMap((d) => (d.type === 'route' ? [d.route as unknown as RouteDef] : []))
    .filter((r) => !PUBLIC_API_PATHS.has(r.path));
  const sessionCaller = (a: Actor): Caller => ({
    label: `role ${a.role}`,
    send: (m, p, b) => h.as(a, m, p, b),
  });
  callers = [
    ...ROLES.map((r) => sessionCaller(h.own[r])),
    { label: 'API token', send: (m, p, b) => h.withToken(OWN_TOKEN, m, p, b) },
  ];
  operators = [
    { label: 'operator session', send: (m, p, b) => h.as(h.operator, m, p, b) },
    { label: 'operator token', send: (m, p, b) => h.withToken(OPERATOR_TOKEN, m, p, b) },
  ];
});

const params = (path: string): string[] => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
/** Parameters that name a resource of the organisation (filled with own or foreign ids). */
const isIdParam = (name: string) => name === 'id' || name === 'number' || name === 'userId';

/** Fills path parameters: ids of the resource named before them, version numbers as "1". */
function foreignPath(path: string): string {
  return path
    .replace(/\/([a-z-]+)\/\{(\w+)\}/g, (_m, resource: string, param: string) => {
      if (isIdParam(param)) {
        const id = foreignIds[resource];
        if (!id) throw new Error(`isolation test: add a foreign id for "${resource}" (route ${path})`);
        return `/${resource}/${id}`;
      }
      return `/${resource}/{${param}}`;
    })
    .replace(/\{(v|a|b)\}/g, '1');
}

/** The same route with the own flow but malformed values in one parameter at a time. */
function malformedPaths(path: string): string[] {
  const bad = [
    '',
    'null',
    'undefined',
    '%00',
    '%5B%5D',
    'a,b',
    'x'.repeat(3000),
    '..',
    `${foreignIds.flows}%00`,
  ];
  const out: string[] = [];
  for (const p of params(path)) {
    for (const value of bad) {
      out.push(
        path.replace(/\{(\w+)\}/g, (_m, name: string) =>
          name === p ? value : isIdParam(name) ? ownFlowFor(path) : '1',
        ),
      );
    }
  }
  return out;
}
const OWN_IDS: Record<string, () => string> = {
  '/api/flows/': () => ownFlow,
  '/api/tokens/': () => 'tok_isolation',
  '/api/handoff-targets/': () => 'empfang',
  '/api/numbers/': () => '+498911122233',
  '/api/calls/': () => OWN_CALL,
  '/api/members/': () => h.own.agent.userId,
  '/api/admin/organisations/': () => h.own.owner.tenantId,
  '/api/admin/numbers/': () => '+498911122233',
  '/api/admin/tokens/': () => 'tok_operator',
};
/** The route with the own organisation's ids in every path parameter. */
function ownIdPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, (_m, name: string) =>
    isIdParam(name) ? encodeURIComponent(ownFlowFor(path)) : '1',
  );
}
function ownFlowFor(path: string): string {
  const own = Object.entries(OWN_IDS).find(([prefix]) => path.startsWith(prefix));
  if (!own) throw new Error(`isolation test: add an own id for ${path} to OWN_IDS`);
  return own[1]();
}

/** A body that passes the schema, with foreign ids in every `…Id` field. */
function sampleBody(schema: unknown): unknown {
  const def = (schema as { def?: { type?: string; innerType?: unknown; options?: unknown[] } })?.def;
  const shape = (schema as { shape?: Record<string, unknown> })?.shape;
  if (def?.type !== 'object' || !shape) return {};
  const body: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(shape)) {
    if (key.endsWith('Id')) {
      if (!foreignIds[key]) throw new Error(`isolation test: add a foreign id for body field "${key}"`);
      body[key] = foreignIds[key];
      continue;
    }
    // Phone numbers are checked before any lookup (a typing mistake is named first), so the body
    // carries a real one: only the foreign id may be what the route refuses.
    body[key] = key === 'number' ? '+49 30 9998887' : sample(field);
  }
  return body;
}
function sample(field: unknown): unknown {
  const def = (field as { def: { type: string; innerType?: unknown; entries?: Record<string, string> } }).def;
  switch (def.type) {
    case 'optional':
    case 'nullable':
      return sample(def.innerType);
    case 'string':
      return 'abcdef';
    case 'number':
      return 1;
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'enum':
      return Object.values(def.entries ?? {})[0];
    default:
      return {};
  }
}
const bodyOf = (r: RouteDef) =>
  r.method === 'get' || r.method === 'delete'
    ? undefined
    : sampleBody(r.request?.body?.content?.['application/json']?.schema);
const hasBodyId = (r: RouteDef) =>
  Object.keys((bodyOf(r) as Record<string, unknown>) ?? {}).some((k) => k.endsWith('Id'));

function expectNoLeak(text: string, where: string): void {
  for (const s of secrets) expect(text.includes(s), `${where} leaked ${s}`).toBe(false);
}

describe('tenant isolation (generated from the route table)', () => {
  it('knows every authenticated route', () => {
    expect(routes.length).toBeGreaterThanOrEqual(18);
  });

  it("answers 404 to every role for another organisation's ids in the path", async () => {
    const withIds = routes.filter((r) => params(r.path).length > 0 && !isAdmin(r));
    expect(withIds.length).toBeGreaterThan(5);
    for (const r of withIds) {
      for (const caller of callers) {
        const res = await caller.send(r.method.toUpperCase(), foreignPath(r.path), bodyOf(r));
        const text = await res.text();
        expect(res.status, `${caller.label} ${r.method} ${r.path}`).toBe(404);
        expectNoLeak(text, `${caller.label} ${r.method} ${r.path}`);
      }
    }
  });

  it("answers 404 to every role for another organisation's ids in the body", async () => {
    const withBodyIds = routes.filter((r) => hasBodyId(r) && !isAdmin(r));
    expect(withBodyIds.map((r) => r.path)).toContain('/api/numbers');
    for (const r of withBodyIds) {
      for (const caller of callers) {
        const res = await caller.send(r.method.toUpperCase(), r.path.replace(/\{\w+\}/g, '1'), bodyOf(r));
        expect(res.status, `${caller.label} ${r.method} ${r.path}`).toBe(404);
        expectNoLeak(await res.text(), `${caller.label} ${r.method} ${r.path}`);
      }
    }
  });

  it('answers 404 for empty, "null", array-like and very long ids', async () => {
    for (const r of routes.filter((x) => params(x.path).length > 0)) {
      // The operator's routes are the operator's to call; everyone else gets 403 there (below).
      const asCaller = isAdmin(r) ? h.operator : h.own.owner;
      for (const path of malformedPaths(r.path)) {
        const res = await h.as(asCaller, r.method.toUpperCase(), path, bodyOf(r));
        expect([404], `${r.method} ${path.slice(0, 120)}`).toContain(res.status);
      }
    }
  });

  it("never shows another organisation's data on collection routes, also with ?id=a&id=b", async () => {
    for (const r of routes.filter((x) => x.method === 'get' && params(x.path).length === 0 && !isAdmin(x))) {
      for (const caller of callers) {
        const q = `?id=${foreignIds.flows}&id=${ownFlow}&flowId=${foreignIds.flows}&tenantId=${h.foreign.tenantId}`;
        const res = await caller.send('GET', r.path + q);
        expect(res.status, `${caller.label} GET ${r.path}`).not.toBe(500);
        expectNoLeak(await res.text(), `${caller.label} GET ${r.path}`);
      }
    }
  });

  it("answers 403 to every organisation role and token on the operator's routes, with any ids", async () => {
    const admin = routes.filter(isAdmin);
    expect(admin.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining([
        'post /api/admin/organisations',
        'delete /api/admin/organisations/{id}',
        'post /api/admin/numbers',
        'delete /api/admin/numbers/{number}',
      ]),
    );
    for (const r of admin) {
      for (const caller of [...callers, { label: 'foreign owner', send: h.as.bind(null, h.foreign) }]) {
        for (const path of [foreignPath(r.path), ...(params(r.path).length ? [ownIdPath(r.path)] : [])]) {
          const res = await caller.send(r.method.toUpperCase(), path, bodyOf(r));
          const text = await res.text();
          expect(res.status, `${caller.label} ${r.method} ${path}`).toBe(403);
          expectNoLeak(text, `${caller.label} ${r.method} ${path}`);
        }
      }
    }
    expect((await h.store.tenants.get(h.foreign.tenantId))?.status).toBe('active');
  });

  it("gives the operator no organisation's flows, notes, receipts or settings: 403/404, never data", async () => {
    // /api/me, logout and its own account are the operator's; every other route is an organisation's.
    const organisationRoutes = routes.filter(
      (r) =>
        !isAdmin(r) &&
        r.path !== '/api/me' &&
        r.path !== '/api/auth/logout' &&
        !r.path.startsWith('/api/account/'),
    );
    for (const r of organisationRoutes) {
      for (const caller of operators) {
        for (const path of [foreignPath(r.path), ...(params(r.path).length ? [ownIdPath(r.path)] : [])]) {
          const res = await caller.send(r.method.toUpperCase(), path, bodyOf(r));
          const text = await res.text();
          expect([403, 404], `${caller.label} ${r.method} ${path}`).toContain(res.status);
          expectNoLeak(text, `${caller.label} ${r.method} ${path}`);
          expect(text, `${caller.label} ${r.method} ${path}`).not.toContain('EigeneNotiz');
        }
      }
    }
  });

  it("left the other organisation's data untouched", async () => {
    const draft = await h.store.flows.getDraft(h.foreign.tenantId, foreignIds.flows);
    expect(draft?.revision).toBe(1);
    expect(await h.store.versions.list(h.foreign.tenantId, foreignIds.flows)).toHaveLength(1);
    expect(await h.store.tokens.list(h.foreign.tenantId)).toHaveLength(1);
    expect((await h.store.numbers.list(h.foreign.tenantId))[0]).toMatchObject({ flowId: foreignIds.flows });
    expect(
      (await h.store.handoffTargets.list(h.foreign.tenantId)).find((t) => t.id === 'fremd-ziel')?.label,
    ).toBe('Fremdes Ziel');
  });
});
