// Issue 26, per-process state on the real server with two worker processes (CALLFLOW_WORKERS=2,
// each on a port of its own so a request lands on the worker the test chooses):
// - a zero-persistence note taken by worker 0 is listed, opened, reopened, marked done and deleted
//   from worker 1 — the holder acts — and it never reaches the data directory;
// - an inbox page's live stream on one worker hears of a note stored or held by the other, by
//   transaction id only;
// - a voice test call's ticket issued by worker 0 opens a socket that lands on worker 1, and the
//   per-organisation limit counts the calls of both workers;
// - and afterwards the instance still shuts down: both workers drain, the primary exits.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startElevenLabsFake, type ElevenLabsFake } from '../fakes/elevenlabs-server';
import { startGoogleSpeechFake, type GoogleSpeechFake } from '../fakes/google-speech-server';
import { startTwilioRestFake, type TwilioRestFake } from '../fakes/twilio-rest-server';
import { BrowserCaller } from '../harness/browser-caller';
import { killServers, startServer, type ServerProcess } from '../harness/server-process';
import { scanFiles } from '../privacy/canary';

const ADMIN = { email: 'praxis@example.org', password: 'Cluster-Probe-Passwort-2026' };
const ACCOUNT_SID = 'AC00000000000000000000000000000126';
const AT = '2026-11-25T10:00:00+01:00'; // Wednesday 10:00 in Berlin: the practice is open.
const eventually = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000, interval: 100 });

let dataDir: string;
let server: ServerProcess;
let fakes: [GoogleSpeechFake, ElevenLabsFake, TwilioRestFake];
/** Base URLs of worker 0 and worker 1. */
let w: [string, string];
let cookie: string;
let csrf: string;
let praxisId: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'callflow-cluster-inbox-'));
  fakes = await Promise.all([
    startGoogleSpeechFake(),
    startElevenLabsFake({ apiKey: 'xi-cluster' }),
    startTwilioRestFake({ accountSid: ACCOUNT_SID, authToken: 'tw-cluster' }),
  ]);
  const [google, eleven, rest] = fakes;
  server = await startServer({
    CALLFLOW_WORKERS: '2',
    CALLFLOW_PORT_PER_WORKER: '1',
    PUBLIC_BASE_URL: 'http://127.0.0.1',
    CALLFLOW_DATA_DIR: dataDir,
    CALLFLOW_ADMIN_EMAIL: ADMIN.email,
    CALLFLOW_ADMIN_PASSWORD: ADMIN.password,
    CALLFLOW_TEST_CALLS_PER_ORG: '1',
    SHUTDOWN_GRACE_SECONDS: '1',
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: 'tw-cluster',
    TWILIO_API_BASE_URL: rest.baseUrl,
    GOOGLE_SPEECH_ENDPOINT: google.endpoint,
    GOOGLE_SPEECH_INSECURE: '1',
    ELEVENLABS_API_KEY: 'xi-cluster',
    ELEVENLABS_BASE_URL: eleven.baseUrl,
    ELEVENLABS_VOICE_ID: 'voice-de',
  });
  await server.waitForLog('cluster.ready');
  const ports = await Promise.all(
    [0, 1].map(async (worker) => (await server.waitForLog('server.listening', { worker })).port as number),
  );
  w = [`http://127.0.0.1:${ports[0]}`, `http://127.0.0.1:${ports[1]}`];
  const login = await fetch(`${w[0]}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  expect(login.status).toBe(200);
  csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
  cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { flows } = (await (await api(0, 'GET', '/api/flows')).json()) as {
    flows: { id: string; slug: string }[];
  };
  praxisId = flows.find((f) => f.slug === 'arztpraxis')!.id;
}, 180_000);

afterAll(async () => {
  await server?.stop();
  killServers();
  await Promise.all((fakes ?? []).map((f) => f.close()));
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** The owner's request to worker `k` (session cookie + CSRF). */
function api(k: 0 | 1, method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
  return fetch(w[k] + url, {
    method,
    headers: {
      Cookie: cookie,
      'X-CSRF-Token': csrf,
      ...(body ? { 'Content-Type': 'application/json' } : {}),
      ...headers,
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
}

/** Saves the practice's draft with or without zero persistence (inbox delivery either way). */
async function setZeroPersistence(on: boolean): Promise<void> {
  const res = await api(0, 'GET', `/api/flows/${praxisId}/draft`);
  const etag = res.headers.get('etag')!;
  const { document } = (await res.json()) as { document: { settings: Record<string, unknown> } };
  document.settings.zeroPersistence = on;
  document.settings.retention = on ? { mode: 'immediate' } : { mode: 'ttl', days: 7 };
  document.settings.delivery = { inbox: true };
  const saved = await api(0, 'PUT', `/api/flows/${praxisId}/draft`, document, { 'If-Match': etag });
  expect(saved.status).toBe(200);
}

/** A finished test call of the draft, delivered like a real one, taken by worker `k`. */
async function liveNote(k: 0 | 1, name: string): Promise<{ txId: string; stored: boolean }> {
  const res = await api(k, 'POST', `/api/flows/${praxisId}/simulate`, {
    version: 'draft',
    at: AT,
    live: true,
    turns: [
      { say: 'Ja, gerne.' },
      { say: `Mein Name ist ${name}` },
      { say: 'dritter März neunzehnhundertachtzig' },
      { say: 'ja' },
      { say: 'null eins sieben eins, eins zwei drei vier fünf sechs sieben' },
      { say: 'Ja, genau.' },
      { say: 'Ich brauche ein Folgerezept.' },
      { say: 'Ibuprofen fünf Milligramm' },
    ],
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { live: { txId: string; stored: boolean } }).live;
}

/** The inbox's live stream on worker `k`, read as the page reads it; resolves once it is ready. */
async function liveInbox(k: 0 | 1) {
  const res = await api(k, 'GET', '/api/inbox/events', undefined, { Accept: 'text/event-stream' });
  const reader = res.body!.getReader();
  const events: { event: string; data: string }[] = [];
  let text = '';
  let done = false;
  void (async () => {
    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (chunk.done) return void (done = true);
      text += new TextDecoder().decode(chunk.value);
      const blocks = text.split('\n\n');
      text = blocks.pop()!;
      for (const block of blocks) {
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event) events.push({ event, data: data ?? '' });
      }
    }
  })();
  await eventually(() => events.some((e) => e.event === 'ready')).toBe(true);
  return {
    notes: () => events.filter((e) => e.event === 'note').map((e) => e.data),
    ended: () => done,
    close: () => reader.cancel(),
  };
}

const listed = async (k: 0 | 1) =>
  ((await (await api(k, 'GET', '/api/calls')).json()) as { calls: { txId: string; stored: boolean }[] })
    .calls;

describe('the volatile inbox over two worker processes', () => {
  it('a note held by worker 0 is listed, opened, reopened, done and deleted from worker 1', async () => {
    await setZeroPersistence(true);
    const first = await liveNote(0, 'Quirina Wolkenstein');
    const second = await liveNote(0, 'Ottilie Sonnenberg');
    expect([first.stored, second.stored]).toEqual([false, false]);

    const onOther = await listed(1);
    expect(onOther.filter((c) => !c.stored).map((c) => c.txId)).toEqual(
      expect.arrayContaining([first.txId, second.txId]),
    );
    const opened = await api(1, 'GET', `/api/calls/${first.txId}`);
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain('Wolkenstein');
    expect((await api(1, 'POST', `/api/calls/${first.txId}/reopen`)).status).toBe(200);
    expect((await api(1, 'POST', `/api/calls/${first.txId}/done`)).status).toBe(200);
    expect((await api(1, 'DELETE', `/api/calls/${second.txId}`)).status).toBe(200);
    // Gone from the holder too, and for both workers.
    for (const k of [0, 1] as const) {
      expect((await listed(k)).map((c) => c.txId)).not.toContain(first.txId);
      expect((await api(k, 'GET', `/api/calls/${second.txId}`)).status).toBe(404);
    }
    expect((await api(1, 'POST', `/api/calls/${first.txId}/done`)).status).toBe(404);
    // Only ever in memory: nothing of either note reached the data directory.
    for (const canary of ['Wolkenstein', 'Sonnenberg']) expect(scanFiles([dataDir], canary)).toEqual([]);
  }, 60_000);

  it("an inbox page on one worker hears of the other worker's notes, held or stored, by id only", async () => {
    const pages = [await liveInbox(0), await liveInbox(1)];
    try {
      await setZeroPersistence(true);
      const held = await liveNote(0, 'Henrike Morgenstern');
      await setZeroPersistence(false);
      const stored = await liveNote(0, 'Bertold Abendroth');
      const fromOne = await liveNote(1, 'Ida Mittagsruh');
      expect([held.stored, stored.stored, fromOne.stored]).toEqual([false, true, true]);
      // Each page hears all three, whichever worker took the call (arrival order may differ).
      const expected = [held.txId, stored.txId, fromOne.txId].map((txId) => JSON.stringify({ txId })).sort();
      for (const page of pages) await eventually(() => page.notes().sort()).toEqual(expected);
    } finally {
      await Promise.all(pages.map((p) => p.close()));
    }
  }, 60_000);
});

describe('voice test calls over two worker processes', () => {
  const wsOf = (k: 0 | 1, socketPath: string) => `${w[k].replace('http:', 'ws:')}${socketPath}`;

  it('a ticket of worker 0 opens its call through worker 1; the limit counts both workers', async () => {
    const issued = await api(0, 'POST', `/api/flows/${praxisId}/test-calls`, {});
    expect(issued.status).toBe(201);
    const { ticket, socketPath } = (await issued.json()) as { ticket: string; socketPath: string };
    expect(socketPath).toMatch(/^\/api\/voice-test\/socket\?desk=/);
    const call = new BrowserCaller({ url: wsOf(1, socketPath), cookie, origin: w[1] });
    expect(await call.opened()).toBe(true);
    call.start(ticket);
    await call.until(() => call.of('started').length > 0, 'the call to start', 20_000);
    await call.until(() => call.frames.length > 0, 'the greeting', 20_000);

    // One call at once per organisation (CALLFLOW_TEST_CALLS_PER_ORG=1): worker 1 knows of it.
    const refused = await api(1, 'POST', `/api/flows/${praxisId}/test-calls`, {});
    expect(refused.status).toBe(429);
    call.hangup();
    expect(await call.closed).toMatchObject({ code: 1000 });
    await eventually(async () => (await api(1, 'POST', `/api/flows/${praxisId}/test-calls`, {})).status).toBe(
      201,
    );
  }, 60_000);

  it('a ticket is still single use, whichever worker the second socket lands on', async () => {
    const { ticket, socketPath } = (await (
      await api(1, 'POST', `/api/flows/${praxisId}/test-calls`, {})
    ).json()) as { ticket: string; socketPath: string };
    const first = new BrowserCaller({ url: wsOf(0, socketPath), cookie, origin: w[0] });
    expect(await first.opened()).toBe(true);
    first.start(ticket);
    await first.until(() => first.of('started').length > 0, 'the call to start', 20_000);
    const again = new BrowserCaller({ url: wsOf(1, socketPath), cookie, origin: w[1] });
    expect(await again.opened()).toBe(true);
    again.start(ticket);
    expect(await again.closed).toEqual({ code: 1008, reason: 'bad_ticket' });
    first.hangup();
    await first.closed;
  }, 60_000);
});

describe('shutdown', () => {
  it('both workers drain and the instance exits, after sockets were handed between them', async () => {
    expect(await server.stop()).toBe(0);
    expect(server.stdout()).toContain('"event":"cluster.shutdown","outcome":"stopped"');
  }, 60_000);
});
