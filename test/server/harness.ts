// An app over an in-memory store with two organisations: "own" (one user per role) and
// "foreign" (an owner and data of its own), and the platform operator (member of neither). Sessions are inserted directly so tests do not pay
// argon2 per role; the login route has its own tests.
import { Writable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { createApp, type App } from '../../engine/src/http/app';
import { flowTools } from '../../engine/src/http/flow-tools';
import { createLogger } from '../../engine/src/log/index';
import { createRecords, type RecordsServices } from '../../engine/src/records/services';
import type { Mailer } from '../../engine/src/mail/mailer';
import { notifyNoteArrived } from '../../engine/src/mail/note-notifier';
import { DEMO_TARGETS } from '../../engine/src/store/bootstrap';
import { createSqliteStore } from '../../engine/src/store/sqlite/index';
import { ROLES, type Role, type Store } from '../../engine/src/store/types';
import { insertSession, signedInMember } from '../harness/direct-session';
import { validFlow } from './fixtures';

export interface Actor {
  tenantId: string;
  userId: string;
  role: Role;
  cookie: string;
  csrf: string;
}

/** The operator, logged in outside every organisation. */
export interface OperatorActor {
  userId: string;
  cookie: string;
  csrf: string;
}

export interface Harness {
  app: App;
  store: Store;
  /** The privacy core behind the app (records/services.ts). */
  records: RecordsServices;
  logLines: string[];
  own: Record<Role, Actor>;
  foreign: Actor;
  operator: OperatorActor;
  /** The operator assigns a number to an organisation (before it can be bound there). */
  assign(number: string, tenantId: string): Promise<void>;
  /** Requests as an actor: cookie + CSRF header, JSON body. */
  as(
    actor: Pick<Actor, 'cookie' | 'csrf'> | undefined,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Response>;
  withToken(
    token: string,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Response>;
}

async function member(store: Store, tenantId: string, email: string, role: Role): Promise<Actor> {
  return { ...(await signedInMember(store, tenantId, email, role)), tenantId, role };
}

export async function createHarness(
  options: {
    templates?: Map<string, unknown>;
    publicBaseUrl?: string;
    store?: Store;
    /** The app's clock (two-factor codes, limits, expiries); default Date.now. */
    now?: () => number;
    /** E-mail (test/fakes/smtp-server.ts); default none. */
    mailer?: Mailer;
  } = {},
): Promise<Harness> {
  // Another store (test/store/describe-stores.ts: Postgres too) is the caller's to dispose.
  const store = options.store ?? createSqliteStore({ file: ':memory:' });
  const logLines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      logLines.push(String(chunk));
      cb();
    },
  });
  const logger = createLogger({ level: 'debug', destination });
  const now = options.now ?? Date.now;
  const publicBaseUrl = options.publicBaseUrl ?? 'http://localhost:8787';
  const mailer = options.mailer;
  const records = createRecords({
    store,
    masterKey: randomBytes(32),
    logger,
    now,
    ...(mailer ? { noteArrived: (call) => notifyNoteArrived({ store, mailer, publicBaseUrl }, call) } : {}),
  });
  const app = createApp({
    twoFactorKey: randomBytes(32),
    store,
    flowTools,
    logger,
    now,
    records,
    ...(options.mailer ? { mailer: options.mailer } : {}),
    config: {
      publicBaseUrl,
      trustProxy: false,
      allowLoopbackWebhooks: false,
      designerDir: '/nonexistent',
    },
    templates: options.templates ?? new Map([['vorlage', validFlow('vorlage', 'Vorlage')]]),
  });
  const ownTenant = await store.tenants.create('Eigene Praxis');
  const foreignTenant = await store.tenants.create('Fremde Kanzlei');
  for (const t of [ownTenant, foreignTenant])
    for (const target of DEMO_TARGETS) await store.handoffTargets.upsert(t.id, target);
  const own = {} as Record<Role, Actor>;
  for (const role of ROLES) own[role] = await member(store, ownTenant.id, `${role}@eigene.example`, role);
  const foreign = await member(store, foreignTenant.id, 'owner@fremde.example', 'owner');
  const operatorUser = await store.users.create('betrieb@callflow.example', 'not-a-real-hash', {
    isOperator: true,
  });
  const { cookie, csrf } = await insertSession(store, null, operatorUser.id);
  const operator = { userId: operatorUser.id, cookie, csrf };

  const request = async (method: string, path: string, body: unknown, headers: Record<string, string>) =>
    app.request(path, {
      method,
      headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  return {
    app,
    store,
    records,
    logLines,
    own,
    foreign,
    operator,
    assign: async (number, tenantId) => {
      const res = await request(
        'POST',
        '/api/admin/numbers',
        { number, organisationId: tenantId },
        { Cookie: `callflow_session=${operator.cookie}`, 'X-CSRF-Token': operator.csrf },
      );
      if (res.status !== 201) throw new Error(`assign failed: ${res.status} ${await res.text()}`);
    },
    as: (actor, method, path, body, headers = {}) =>
      request(
        method,
        path,
        body,
        actor
          ? { Cookie: `callflow_session=${actor.cookie}`, 'X-CSRF-Token': actor.csrf, ...headers }
          : headers,
      ),
    withToken: (token, method, path, body, headers = {}) =>
      request(method, path, body, { Authorization: `Bearer ${token}`, ...headers }),
  };
}

/** Creates a flow through the API and publishes it; returns its id. */
export async function publishedFlow(h: Harness, actor: Actor, slug: string, name = slug): Promise<string> {
  const created = await h.as(actor, 'POST', '/api/flows', { flow: validFlow(slug, name) });
  if (created.status !== 201) throw new Error(`create failed: ${created.status}`);
  const { flow } = (await created.json()) as { flow: { id: string } };
  const pub = await h.as(actor, 'POST', `/api/flows/${flow.id}/versions`, { message: 'erste Version' });
  if (pub.status !== 201) throw new Error(`publish failed: ${pub.status} ${await pub.text()}`);
  return flow.id;
}
