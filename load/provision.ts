// Prepares a fresh server for a load run through its public API, like an operator would: log
// in as the demo owner the server seeded on first start, create an API token, publish a webhook
// flow with the run's local receiver as its URL (example flows name a real https host), and
// bind one number per script. Flows were imported and published (version 1) by the bootstrap.
import { Secret, TOTP } from 'otpauth';
import { readFileSync } from 'node:fs';
import type { CallScript } from './scripts';

export interface Api {
  readonly token: string;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  json<T>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
  /** As the operator (the seeded account is also the operator): gives the organisation a number. */
  assign(number: string): Promise<void>;
}

export interface Binding {
  readonly script: CallScript;
  /** E.164 number the callers dial. */
  readonly number: string;
  /** Server-side flow id (not the slug). */
  readonly flowId: string;
}

/**
 * The owner of an https deployment must log in with a second factor before anything else
 * (engine/src/http/two-factor-policy.ts): the load run's owner enrols like a person would, with a
 * TOTP code computed from the secret the server shows once.
 */
async function enrolSecondFactor(serverUrl: string, cookie: string, csrfToken: string): Promise<void> {
  const headers = { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken };
  const started = await fetch(`${serverUrl}/api/account/two-factor`, { method: 'POST', headers });
  if (!started.ok) throw new Error(`two-factor enrolment failed: ${started.status}`);
  const { secret } = (await started.json()) as { secret: string };
  const code = new TOTP({ secret: Secret.fromBase32(secret) }).generate();
  const confirmed = await fetch(`${serverUrl}/api/account/two-factor/confirm`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ code }),
  });
  if (!confirmed.ok) throw new Error(`two-factor confirmation failed: ${confirmed.status}`);
}

export async function login(serverUrl: string, email: string, password: string): Promise<Api> {
  const res = await fetch(`${serverUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status}`);
  const { csrfToken, tenant } = (await res.json()) as { csrfToken: string; tenant: { id: string } };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  await enrolSecondFactor(serverUrl, cookie, csrfToken);
  const created = await fetch(`${serverUrl}/api/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({
      name: 'load run',
      scopes: ['flows:read', 'flows:write', 'flows:publish', 'numbers:read', 'numbers:write', 'calls:read'],
    }),
  });
  if (!created.ok) throw new Error(`token creation failed: ${created.status} ${await created.text()}`);
  const { secret } = (await created.json()) as { secret: string };
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${serverUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${secret}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const assign = async (number: string) => {
    const r = await fetch(`${serverUrl}/api/admin/numbers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ number, organisationId: tenant.id }),
    });
    if (r.status !== 201 && r.status !== 409) throw new Error(`assign ${number}: ${r.status}`);
  };
  return {
    token: secret,
    call,
    assign,
    async json<T>(method: string, path: string, body?: unknown, headers?: Record<string, string>) {
      const r = await call(method, path, body, headers);
      if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${(await r.text()).slice(0, 500)}`);
      return (await r.json()) as T;
    },
  };
}

async function findFlow(api: Api, slug: string): Promise<string | undefined> {
  const { flows } = await api.json<{ flows: { id: string; slug: string }[] }>('GET', '/api/flows');
  return flows.find((f) => f.slug === slug)?.id;
}

/**
 * Publishes the script's flow file (with `webhookUrl` as its delivery target, when it delivers
 * by webhook), creating the flow first when the bootstrap did not import it.
 */
async function publishFlow(api: Api, script: CallScript, webhookUrl: string | undefined): Promise<string> {
  const doc = JSON.parse(readFileSync(script.flowFile, 'utf8')) as {
    settings: { delivery: { webhookUrl?: string } };
  };
  if (script.delivery === 'webhook') {
    if (!webhookUrl) throw new Error(`${script.flowId} delivers by webhook: a receiver URL is needed`);
    doc.settings.delivery.webhookUrl = webhookUrl;
  }
  let flowId = await findFlow(api, script.flowId);
  if (!flowId) {
    flowId = (await api.json<{ flow: { id: string } }>('POST', '/api/flows', { flow: doc })).flow.id;
  } else if (script.delivery === 'webhook') {
    const draft = await api.call('GET', `/api/flows/${flowId}/draft`);
    await api.json('PUT', `/api/flows/${flowId}/draft`, doc, { 'if-match': draft.headers.get('etag') ?? '' });
  } else return flowId; // imported and published (version 1) by the bootstrap
  await api.json('POST', `/api/flows/${flowId}/versions`, { message: 'load run' });
  return flowId;
}

/** One number per script: +49 30 555 1000 + i. */
export async function provision(
  api: Api,
  scripts: readonly CallScript[],
  webhookUrl: string | undefined,
): Promise<Binding[]> {
  const bindings: Binding[] = [];
  for (const [i, script] of scripts.entries()) {
    const flowId = await publishFlow(api, script, webhookUrl);
    const number = `+4930555${String(1000 + i)}`;
    await api.assign(number);
    await api.json('PUT', '/api/numbers', { number, flowId });
    bindings.push({ script, number, flowId });
  }
  return bindings;
}
