// The runtime fallbacks over the real phone routes (real server, real SDKs, vendor fakes):
// an unanswered transfer continues the flow on a new stream (no-answer, busy), an answered one
// ends it, a parked call whose callback never comes still delivers its record; a voice (TTS)
// outage plays the apology from the prompt cache (warmed by publishing) and hands over; a
// recognizer that fails twice hands over too. Everything is asserted as the caller, the
// business or Twilio would see it: prompts heard (marks + audio), REST calls, the call note.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../engine/src/http/app';
import { createFlowTools } from '../../engine/src/http/flow-tools';
import { startServer, upgradeWebSocket, type RunningServer } from '../../engine/src/http/serve';
import { sessionCookieName } from '../../engine/src/http/session-cookie';
import { createLogger } from '../../engine/src/log/index';
import { createMetrics, type Metrics } from '../../engine/src/metrics/registry';
import { createRecords, type RecordsServices } from '../../engine/src/records/services';
import { voiceCacheKey } from '../../engine/src/runtime/prompt-cache';
import { bootstrapIfEmpty, DEMO_TARGETS } from '../../engine/src/store/bootstrap';
import { createSqliteStore } from '../../engine/src/store/sqlite/index';
import type { Store } from '../../engine/src/store/types';
import { createPhoneRuntime, type PhoneRuntime } from '../../engine/src/phone/phone-runtime';
import { startElevenLabsFake, type ElevenLabsFake } from '../fakes/elevenlabs-server';
import { startGoogleSpeechFake, type GoogleSpeechFake } from '../fakes/google-speech-server';
import { startTwilioRestFake, type TwilioRestFake } from '../fakes/twilio-rest-server';
import { TwilioCaller } from '../harness/twilio-caller';
import { signedInMember } from '../harness/direct-session';

const accountSid = 'AC00000000000000000000000000000001';
const authToken = 'twilio-test-token';
const publicBaseUrl = 'https://voice.example.de';
const METRICS_TOKEN = 'fallback-metrics-token';
/** The doctor's office example flow, as published. */
const NUMBER = '+4930555000411';
/** The same flow, but an unanswered transfer continues with "Worum geht es?" and rings 5 s. */
const NUMBER_RUECKFALL = '+4930555000422';
// Monday 2 March 2026, 09:00 Berlin: the practice is open, so transfers ring.
const MONDAY_9 = Date.parse('2026-03-02T09:00:00+01:00');
const flowTools = createFlowTools({ allowLoopbackWebhooks: true });

let dir: string;
let store: Store;
let records: RecordsServices;
let phone: PhoneRuntime;
let server: RunningServer;
let google: GoogleSpeechFake;
let eleven: ElevenLabsFake;
let rest: TwilioRestFake;
let metrics: Metrics;
let tenantId: string;
let praxisId: string;
const logLines: string[] = [];
const callSids: string[] = [];
const t0 = Date.now();
const now = () => MONDAY_9 + (Date.now() - t0);
const serverUrl = () => `http://127.0.0.1:${server.port}`;

function caller(
  to = NUMBER_RUECKFALL,
  extra: Partial<ConstructorParameters<typeof TwilioCaller>[0]> = {},
): TwilioCaller {
  const c = new TwilioCaller({
    serverUrl: serverUrl(),
    publicBaseUrl,
    authToken,
    accountSid,
    to,
    speed: 10,
    ...extra,
  });
  callSids.push(c.callSid);
  return c;
}

async function waitFor(
  cond: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Prompts the caller received (mark names are `<node>/<prompt>#<n>`), from index `from` on. */
const marks = (c: TwilioCaller, from = 0) =>
  c.received.slice(from).flatMap((r) => (r.event === 'mark' ? [r.name] : []));
const framesSince = (c: TwilioCaller, from: number) =>
  c.received.slice(from).filter((r) => r.event === 'media').length;
const allHeard = (c: TwilioCaller) => marks(c).length === c.echoedMarks.length;
const heard = (c: TwilioCaller, prompt: string, from = 0) =>
  marks(c, from).some((m) => m.includes(prompt)) && allHeard(c);

/** Twilio's side of a callback (dial-action, whisper): a signed POST with the call's CallSid. */
function twilioPost(path: string, callSid: string, params: Record<string, string> = {}) {
  return new TwilioCaller({
    serverUrl: serverUrl(),
    publicBaseUrl,
    authToken,
    accountSid,
    to: NUMBER,
    voicePath: path,
  }).placeCall({ CallSid: callSid, CallStatus: 'in-progress', ...params });
}

/** The notes in the inbox that were not there before (one per finished call). */
async function newNotes(before: ReadonlySet<string>, count = 1) {
  let notes: Awaited<ReturnType<RecordsServices['inbox']['list']>> = [];
  await waitFor(async () => {
    notes = (await records.inbox.list(tenantId)).filter((n) => !before.has(n.txId));
    return notes.length >= count;
  }, 'the call note');
  return notes;
}
const noteIds = async () => new Set((await records.inbox.list(tenantId)).map((n) => n.txId));

async function metricValue(pattern: RegExp): Promise<number> {
  const text = await (
    await fetch(`${serverUrl()}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })
  ).text();
  return Number(pattern.exec(text)?.[1] ?? 0);
}

/**
 * Greeting, "Ja, gerne.", then key 0 at the name question: the announcement is heard and the
 * call is handed to Twilio's <Dial>. Like Twilio, the harness then ends our stream (stop + close).
 */
async function transferRinging(c: TwilioCaller): Promise<string> {
  await c.connect(await c.placeCall());
  await waitFor(() => heard(c, 'begruessung/question'), 'greeting');
  google.say('Ja, gerne.');
  await c.speak(600, 1);
  await c.pause(400);
  await waitFor(() => heard(c, 'personalien/name.prompt'), 'name question');
  c.dtmf('0');
  const update = await rest.waitForUpdate(
    (u) => u.callSid === c.callSid && /<Dial/.test(u.params.Twiml ?? ''),
    10_000,
  );
  expect(marks(c).some((m) => m.startsWith('weiterleitung/announce'))).toBe(true);
  rest.setCallStatus(c.callSid, 'in-progress'); // the caller's leg is up while the team's phone rings
  await c.hangup();
  return String(update.params.Twiml);
}

beforeAll(async () => {
  [google, eleven, rest] = await Promise.all([
    startGoogleSpeechFake(),
    startElevenLabsFake({ apiKey: 'xi' }),
    startTwilioRestFake({ accountSid, authToken }),
  ]);
  dir = mkdtempSync(join(tmpdir(), 'callflow-fallbacks-'));
  store = createSqliteStore({ file: join(dir, 'callflow.db') });
  const logger = createLogger({
    level: 'debug',
    destination: new Writable({
      write(c, _e, cb) {
        logLines.push(String(c));
        cb();
      },
    }),
  });
  records = createRecords({ store, masterKey: randomBytes(32), logger, now });
  const seeded = await bootstrapIfEmpty({
    store,
    flowsDir: join(__dirname, '../../flows'),
    adminEmail: undefined,
    adminPassword: 'irrelevant',
    hashPassword: async () => 'not-a-hash',
    load: flowTools.load,
    canonicalJson: flowTools.canonicalJson,
  });
  tenantId = seeded!.tenantId!;
  praxisId = (await store.flows.findBySlug(tenantId, 'arztpraxis'))!.id;
  await store.numbers.assign(NUMBER, tenantId);
  await store.numbers.bind(tenantId, { number: NUMBER, flowId: praxisId, version: null });

  const doc = JSON.parse(readFileSync(join(__dirname, '../../flows/arztpraxis.flow.json'), 'utf8'));
  doc.nodes.weiterleitung = { ...doc.nodes.weiterleitung, ringSeconds: 5, next: { fallback: 'anliegen' } };
  const loaded = flowTools.load(doc, DEMO_TARGETS);
  if (!loaded.ok) throw new Error('the variant flow does not load');
  const variant = await store.flows.create(tenantId, {
    slug: 'praxis-rueckfall',
    name: 'Praxis mit Rückfall',
    document: doc,
    userId: null,
  });
  await store.versions.append(tenantId, variant.id, {
    contentHash: loaded.compiled.contentHash,
    canonicalJson: flowTools.canonicalJson(loaded.compiled.flow),
    message: 'test',
    authorId: null,
  });
  await store.numbers.assign(NUMBER_RUECKFALL, tenantId);
  await store.numbers.bind(tenantId, { number: NUMBER_RUECKFALL, flowId: variant.id, version: null });

  phone = createPhoneRuntime(
    {
      twilio: { accountSid, authToken, apiBaseUrl: rest.baseUrl },
      google: { endpoint: google.endpoint, insecure: true },
      elevenlabs: { apiKey: 'xi', baseUrl: eleven.baseUrl, voiceId: 'voice-de' },
    },
    randomBytes(32),
    { leadMs: 600_000, startTimeoutMs: 2000, parkMarginMs: 1000 },
  ); // parked: 5 s ring + 1 s
  await phone.ready();
  metrics = createMetrics({ defaultMetrics: false });
  const app = createApp({
    twoFactorKey: randomBytes(32),
    store,
    flowTools,
    logger,
    now,
    records,
    upgradeWebSocket,
    phone,
    metrics: { metrics, token: METRICS_TOKEN, trustProxy: false },
    config: { publicBaseUrl, trustProxy: false, allowLoopbackWebhooks: false, designerDir: '/nonexistent' },
    templates: new Map(),
  });
  server = await startServer(app.fetch, { port: 0, host: '127.0.0.1', tls: undefined });
}, 30_000);

afterAll(async () => {
  await server?.drain(0);
  await phone?.close();
  records?.stop();
  store?.close();
  await Promise.all([google?.close(), eleven?.close(), rest?.close()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('phone fallbacks: a transfer nobody answers', () => {
  it('no-answer: a second stream continues the flow — the caller hears the fallback, their answer is in the note', async () => {
    const before = await noteIds();
    const c = caller();
    await transferRinging(c);
    expect(await noteIds()).toEqual(before); // the stream closed, the conversation did not end

    const answer = await twilioPost('/twilio/dial-action', c.callSid, { DialCallStatus: 'no-answer' });
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('action="https://voice.example.de/twilio/connect-action"');
    expect(answer.stream?.url).toBe('wss://voice.example.de/twilio/media');
    const resumedAt = c.received.length;
    await c.connect(answer);
    await waitFor(
      () => heard(c, 'anliegen/anliegen.prompt', resumedAt),
      'the fallback question on the new stream',
    );
    expect(framesSince(c, resumedAt)).toBeGreaterThan(10);

    google.say('Ich brauche ein neues Rezept.');
    await c.speak(700, 3);
    await c.pause(400);
    await waitFor(() => heard(c, 'rezept/medikament.prompt', resumedAt), 'the next question');
    await c.hangup();

    const [note] = await newNotes(before);
    expect(note.record.handoff).toEqual({ target: 'empfang', outcome: 'no-answer' });
    expect(note.record.concern).toBe('Ich brauche ein neues Rezept.');
    expect(note.record.outcome).toBe('hung-up');
    expect(note.record.consent).toBe('given');
  }, 40_000);

  it('busy: the same fallback; a replayed resume token opens nothing a second time', async () => {
    const before = await noteIds();
    const c = caller();
    await transferRinging(c);
    const answer = await twilioPost('/twilio/dial-action', c.callSid, { DialCallStatus: 'busy' });
    const resumedAt = c.received.length;
    await c.connect(answer);
    await waitFor(() => heard(c, 'anliegen/anliegen.prompt', resumedAt), 'the fallback question');
    // Same call, same token, again: a used token is refused (1008) before anything is looked up.
    const replayed = new TwilioCaller({
      serverUrl: serverUrl(),
      publicBaseUrl,
      authToken,
      accountSid,
      to: NUMBER_RUECKFALL,
      speed: 10,
      callSid: c.callSid,
    });
    await replayed.connect(answer);
    expect((await replayed.closed()).code).toBe(1008);
    expect(replayed.mediaFrames).toHaveLength(0);
    await c.hangup();
    const [note] = await newNotes(before);
    expect(note.record.handoff).toEqual({ target: 'empfang', outcome: 'busy' });
  }, 40_000);

  it('answered: the whisper marks it, the note says handed-off, and the dial callback just says goodbye', async () => {
    const before = await noteIds();
    const c = caller();
    const dial = await transferRinging(c);
    const whisperPath = /url="https:\/\/voice\.example\.de(\/twilio\/whisper\/[0-9a-f-]+)"/.exec(dial)?.[1];
    expect(whisperPath).toBeDefined();
    // Twilio fetches the whisper when the practice team picks up.
    const whisper = await twilioPost(whisperPath!, c.callSid);
    expect(whisper.body).toMatch(/<Say language="de-DE">[^<]+<\/Say>/);
    const [note] = await newNotes(before);
    expect(note.record.outcome).toBe('handed-off');
    expect(note.record.handoff).toEqual({ target: 'empfang', outcome: 'answered' });
    // When that conversation is over, Twilio asks what follows: no stream, just goodbye.
    const done = await twilioPost('/twilio/dial-action', c.callSid, { DialCallStatus: 'completed' });
    expect(done.body).toContain('Auf Wiederhören.');
    expect(done.body).toContain('<Hangup/>');
    expect(done.stream).toBeUndefined();
    expect(
      rest.updates.filter((u) => u.callSid === c.callSid && u.params.Status === 'completed'),
    ).toHaveLength(0); // we never hung up on the team
  }, 40_000);

  it('answered without a whisper fetch: DialCallStatus completed alone records it', async () => {
    const before = await noteIds();
    const c = caller();
    await transferRinging(c);
    const done = await twilioPost('/twilio/dial-action', c.callSid, { DialCallStatus: 'completed' });
    expect(done.body).toContain('<Hangup/>');
    const [note] = await newNotes(before);
    expect(note.record).toMatchObject({ outcome: 'handed-off', handoff: { outcome: 'answered' } });
  }, 40_000);

  it('a parked call whose callback never comes still delivers its note; a late callback gets the apology', async () => {
    const before = await noteIds();
    const c = caller();
    await transferRinging(c);
    const [note] = await newNotes(before); // after ring time + margin, by itself
    expect(note.record.outcome).toBe('hung-up');
    expect(note.record.consent).toBe('given');
    const late = await twilioPost('/twilio/dial-action', c.callSid, { DialCallStatus: 'no-answer' });
    expect(late.body).toContain('niemand erreichbar');
    expect(late.body).toContain('<Hangup/>');
    expect(late.stream).toBeUndefined();
  }, 40_000);

  it("the caller hung up while it rang: Twilio's dial callback says so, and the note has the transfer's outcome", async () => {
    const before = await noteIds();
    const c = caller();
    await transferRinging(c);
    const answer = await twilioPost('/twilio/dial-action', c.callSid, {
      DialCallStatus: 'no-answer',
      CallStatus: 'completed',
    });
    expect(answer.stream).toBeUndefined();
    expect(answer.body).toContain('<Hangup/>');
    const [note] = await newNotes(before);
    expect(note.record).toMatchObject({
      outcome: 'hung-up',
      handoff: { target: 'empfang', outcome: 'no-answer' },
    });
  }, 40_000);

  it('a status callback that the call is over ends a parked call at once', async () => {
    const before = await noteIds();
    const c = caller();
    await transferRinging(c);
    expect(phone.parked.peek(c.callSid)).toBeDefined();
    const res = await twilioPost('/twilio/status', c.callSid, { CallStatus: 'completed' });
    expect(res.status).toBe(204);
    const [note] = await newNotes(before);
    expect(note.record.outcome).toBe('hung-up');
    expect(phone.parked.peek(c.callSid)).toBeUndefined();
  }, 40_000);

  it("a caller who hangs up while the team's phone rings is not kept waiting for the deadline", async () => {
    const before = await noteIds();
    const c = caller();
    await c.connect(await c.placeCall());
    await waitFor(() => heard(c, 'begruessung/question'), 'greeting');
    c.dtmf('0');
    await rest.waitForUpdate((u) => u.callSid === c.callSid && /<Dial/.test(u.params.Twiml ?? ''), 10_000);
    await c.hangup(); // Twilio no longer knows the call (the fake answers 404): the caller is gone
    const [note] = await newNotes(before);
    expect(note.record.outcome).toBe('hung-up');
    expect(phone.parked.size).toBe(0);
  }, 20_000);
});

describe('phone fallbacks: provider faults', () => {
  it('publishing warms the prompt cache (apology first) without making the publish wait or fail', async () => {
    // An owner of an https deployment has a second factor (two-factor-policy.ts); this one enrolled.
    const { cookie, csrf } = await signedInMember(store, tenantId, 'fallbacks@praxis.example', 'owner', {
      now,
      twoFactor: true,
    });
    const synthesesBefore = eleven.requests.length;
    const res = await fetch(`${serverUrl()}/api/flows/${praxisId}/versions`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Cookie: `${sessionCookieName(publicBaseUrl)}=${cookie}`,
        'X-CSRF-Token': csrf,
      },
      body: JSON.stringify({ message: 'Ansagen vorab synthetisieren' }),
    });
    expect(res.status).toBeLessThan(300);
    await waitFor(() => logLines.some((l) => l.includes('"twilio.prewarm"')), 'pre-warm finished');
    expect(phone.cache.get(voiceCacheKey('voice-de', 'builtin:de:technicalFault'))?.length).toBeGreaterThan(
      1000,
    );
    const apology = eleven.requests
      .slice(synthesesBefore)
      .findIndex((r) =>
        String(r.body.text).startsWith('Entschuldigung, wir haben gerade eine technische Störung'),
      );
    expect(apology).toBeGreaterThanOrEqual(0);
    expect(apology).toBeLessThan(5); // among the first syntheses
  }, 30_000);

  it('TTS fails mid-call: the cached apology arrives and the call is handed over through Twilio REST', async () => {
    const before = await noteIds();
    const errorsBefore = await metricValue(
      /^callflow_provider_errors_total\{provider="elevenlabs",stage="tts"\} (\d+)$/m,
    );
    const c = caller(NUMBER);
    await c.connect(await c.placeCall());
    await waitFor(() => heard(c, 'begruessung/question'), 'greeting');
    google.say('Ja, gerne.');
    await c.speak(600, 1);
    await c.pause(400);
    await waitFor(() => heard(c, 'personalien/name.prompt'), 'name question');
    google.say('Anna Schmidt');
    await c.speak(600, 2);
    await c.pause(400);
    await waitFor(() => heard(c, 'personalien/geburtsdatum.prompt'), 'birth date question');
    // The readback of the date is composed at run time: the voice vendor is needed — and fails.
    eleven.failNext({ kind: 'status', status: 503 });
    const faultAt = c.received.length;
    google.say('dritter März neunzehnhundertachtzig');
    await c.speak(900, 3);
    await c.pause(400);
    await waitFor(() => marks(c, faultAt).some((m) => m.includes('technicalFault')), 'the apology');
    expect(framesSince(c, faultAt)).toBeGreaterThan(50); // the apology's audio, from the cache
    const update = await rest.waitForUpdate(
      (u) => u.callSid === c.callSid && /<Dial/.test(u.params.Twiml ?? ''),
      10_000,
    );
    expect(String(update.params.Twiml)).toContain('/twilio/dial-action');
    expect(
      await metricValue(/^callflow_provider_errors_total\{provider="elevenlabs",stage="tts"\} (\d+)$/m),
    ).toBeGreaterThan(errorsBefore);
    await c.hangup(); // the fake does not know the call: it counts as the caller hanging up
    const [note] = await newNotes(before);
    expect(note.record.flags).toContain('fault:tts');
    expect(note.record.fields.name?.value).toBe('Anna Schmidt');
  }, 40_000);

  it('STT fails twice: reopened once (counted as a retry), then the caller is told and handed over', async () => {
    const before = await noteIds();
    const retriesBefore = await metricValue(
      /^callflow_provider_retries_total\{provider="google",stage="stt"\} (\d+)$/m,
    );
    // PERMISSION_DENIED: not transient, so the provider does not restart the stream itself.
    google.injectFault({ kind: 'error', code: 7 });
    google.injectFault({ kind: 'error', code: 7 });
    const c = caller(NUMBER);
    await c.connect(await c.placeCall());
    await waitFor(() => heard(c, 'begruessung/question'), 'greeting');
    const faultAt = c.received.length;
    await c.speak(600, 1); // nobody can understand it: the recognizer fails …
    await c.pause(400);
    await waitFor(
      async () =>
        (await metricValue(/^callflow_provider_retries_total\{provider="google",stage="stt"\} (\d+)$/m)) >
        retriesBefore,
      'the recognizer reopened',
    );
    await c.speak(600, 2); // … and fails again on the caller's next words
    await c.pause(400);
    await waitFor(() => marks(c, faultAt).some((m) => m.includes('hearingFault')), 'the apology');
    await rest.waitForUpdate((u) => u.callSid === c.callSid && /<Dial/.test(u.params.Twiml ?? ''), 10_000);
    expect(
      await metricValue(/^callflow_provider_retries_total\{provider="google",stage="stt"\} (\d+)$/m),
    ).toBe(retriesBefore + 1);
    await c.hangup();
    const [note] = await newNotes(before);
    expect(note.record.flags).toContain('fault:stt');
    expect(note.record.consent).toBe('not-asked');
  }, 40_000);

  it("no log line carries a CallSid or the caller's words", () => {
    const logs = logLines.join('\n');
    for (const sid of callSids) expect(logs).not.toContain(sid);
    for (const words of ['Rezept', 'Anna', 'Schmidt', 'neunzehnhundertachtzig'])
      expect(logs).not.toContain(words);
  });
});
