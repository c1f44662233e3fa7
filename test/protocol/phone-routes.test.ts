// The real server (createApp + @hono/node-server on 127.0.0.1, SQLite in a temp data dir) with
// the phone routes wired to the real SDKs against the vendor fakes. The Twilio caller harness
// calls the number bound to the doctor's-office example flow: greeting, consent, a turn, hangup
// → the call note is in the inbox. Forged webhooks and stream tokens open no vendor session.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Analytics } from '../../engine/src/analytics/service';
import { createApp } from '../../engine/src/http/app';
import { createLogger } from '../../engine/src/log/index';
import type { RecordsServices } from '../../engine/src/records/services';
import { DEMO_TARGETS } from '../../engine/src/store/bootstrap';
import type { Store } from '../../engine/src/store/types';
import type { PhoneRuntime } from '../../engine/src/phone/phone-runtime';
import { signStreamToken, streamTokenKey } from '../../engine/src/transports/twilio/stream-token';
import type { ElevenLabsFake } from '../fakes/elevenlabs-server';
import type { GoogleSpeechFake } from '../fakes/google-speech-server';
import type { FakeOpenAIServer } from '../fakes/openai-server';
import type { TwilioRestFake } from '../fakes/twilio-rest-server';
import { TwilioCaller } from '../harness/twilio-caller';
import {
  ACCOUNT_SID as accountSid,
  AUTH_TOKEN as authToken,
  PUBLIC_BASE_URL as publicBaseUrl,
  startPhoneServer,
  waitFor,
  type PhoneServer,
} from './phone-server';

const NUMBER = '+4930555000111';
const CANARY_NAME = 'Anna Kanarienvogel';
const METRICS_TOKEN = 'phone-metrics-token';
const NUMBER_ZP = '+4930555000222';
// The same practice flow without storage: its record goes to the helper's webhook on 127.0.0.1.
let env: PhoneServer;
let flowTools: PhoneServer['flowTools'];

let store: Store;
let records: RecordsServices;
let phone: PhoneRuntime;
let google: GoogleSpeechFake;
let eleven: ElevenLabsFake;
let openai: FakeOpenAIServer;
let rest: TwilioRestFake;
let tenantId: string;
let flowId: string;
let analytics: PhoneServer['analytics'];
let masterKey: Buffer;
let logLines: string[];
let now: () => number;
const serverUrl = () => env.serverUrl;
const caller = (extra: Partial<ConstructorParameters<typeof TwilioCaller>[0]> = {}) =>
  new TwilioCaller({
    serverUrl: serverUrl(),
    publicBaseUrl,
    authToken,
    accountSid,
    to: NUMBER,
    speed: 10,
    ...extra,
  });
const vendorSessions = () =>
  google.streams.length + eleven.requests.length + openai.requests.length + rest.updates.length;

beforeAll(async () => {
  env = await startPhoneServer({ metricsToken: METRICS_TOKEN });
  ({
    flowTools,
    store,
    records,
    phone,
    google,
    eleven,
    openai,
    rest,
    tenantId,
    analytics,
    masterKey,
    logLines,
    now,
  } = env);
  flowId = await env.bind('arztpraxis', NUMBER);
}, 30_000);

afterAll(async () => {
  await env?.close();
});

describe('phone routes: nothing opens for forged requests', () => {
  it('a webhook signed with another token gets 403 and no vendor session', async () => {
    const answer = await caller({ signWithToken: 'stolen-or-guessed' }).placeCall();
    expect(answer.status).toBe(403);
    expect(answer.stream).toBeUndefined();
    expect(vendorSessions()).toBe(0);
  });

  it('signatures are checked against the public URL, not the internal one', async () => {
    const answer = await caller({ publicBaseUrl: serverUrl() }).placeCall();
    expect(answer.status).toBe(403);
  });

  it('an unknown number is told so in German and hung up', async () => {
    const answer = await caller({ to: '+4930555999999' }).placeCall();
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('Rufnummer ist leider noch nicht eingerichtet');
    expect(answer.body).toContain('<Hangup/>');
    expect(answer.stream).toBeUndefined();
  });

  it.each([
    ['forged', () => 'v1.eyJjYWxsU2lkIjoiQ0EifQ.AAAA'],
    [
      'expired',
      (callSid: string) =>
        signStreamToken(streamTokenKey(masterKey), {
          callSid,
          tenantId,
          flowId: 'x',
          version: 1,
          expiresAt: now() - 1,
        }),
    ],
    [
      'for another call',
      () =>
        signStreamToken(streamTokenKey(masterKey), {
          callSid: 'CAother',
          tenantId,
          flowId: 'x',
          version: 1,
          expiresAt: now() + 30_000,
        }),
    ],
  ])('a %s stream token closes the socket (1008) before any vendor session', async (_label, token) => {
    const c = caller();
    const answer = await c.placeCall();
    expect(answer.stream?.url).toBe('wss://voice.example.de/twilio/media');
    await c.connect(answer, { parameters: { token: token(c.callSid) } });
    expect((await c.closed()).code).toBe(1008);
    await new Promise((r) => setTimeout(r, 100));
    expect(c.mediaFrames).toHaveLength(0);
    expect(vendorSessions()).toBe(0);
  });
});

describe('phone routes: sockets and bodies that are not Twilio', () => {
  it('a media socket that never sends a start is closed, with no vendor session', async () => {
    const { WebSocket } = await import('ws');
    const ws = new WebSocket(`ws://127.0.0.1:${env.port}/twilio/media`);
    const code = await new Promise<number>((resolve) => ws.on('close', (c) => resolve(c)));
    expect(code).toBe(1008);
    expect(vendorSessions()).toBe(0);
  });

  it('an oversized webhook body is refused before any parsing', async () => {
    const res = await fetch(`${serverUrl()}/twilio/voice`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `To=${'9'.repeat(70_000)}`,
    });
    expect(res.status).toBe(413);
  });
});

describe("phone routes: a real call to the doctor's office", () => {
  it('greets, takes consent and a name, and after hangup the note is in the inbox', async () => {
    const c = caller();
    const answer = await c.placeCall({ From: '+4917612345678' });
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('action="https://voice.example.de/twilio/connect-action"');
    await c.connect(answer);
    const heard = () => eleven.requests.map((r) => String(r.body.text)).join(' | ');
    const allMarksEchoed = () =>
      c.received.filter((r) => r.event === 'mark').length === c.echoedMarks.length &&
      c.echoedMarks.length > 0;
    await waitFor(() => /Darf ich/.test(heard()) && allMarksEchoed(), 'greeting with consent question');
    expect(c.mediaFrames.length).toBeGreaterThan(10);
    expect(heard()).toContain('KI-Assistenten');
    expect(google.streams).toHaveLength(0); // nothing of the caller reached Google during the disclosure

    google.say('Ja, gerne.');
    await c.speak(600, 1);
    await c.pause(400);
    await waitFor(() => /Vor- und Nachname/.test(heard()) && allMarksEchoed(), 'name question');

    const framesBeforeName = c.mediaFrames.length;
    google.say(`Mein Name ist ${CANARY_NAME}`);
    await c.speak(600, 2);
    await c.pause(400);
    // The answer's first audio frame is where the server times the turn: hang up only after it
    // arrived, or on a busy machine the call ends before the second turn is ever timed.
    await waitFor(
      () => /Geburtsdatum/.test(heard()) && c.mediaFrames.length > framesBeforeName,
      'birth date question playing',
    );
    await c.hangup();

    await waitFor(() => logLines.some((l) => l.includes('"twilio.record"')), 'record delivered');
    const inbox = await records.inbox.list(tenantId);
    expect(inbox).toHaveLength(1);
    expect(inbox[0].record.consent).toBe('given');
    expect(inbox[0].stored).toBe(true);
    expect(JSON.stringify(inbox[0].record)).toContain('Kanarienvogel');
    // The flow records the caller ID; it came from the webhook's From, kept on the server only.
    expect(inbox[0].record.callerNumber).toBe('+4917612345678');
    expect(answer.body).not.toContain('4917612345678');
    // The txId is fresh (never the CallSid), and no log line carries the caller's words or the CallSid.
    expect(inbox[0].txId).toMatch(/^tx_[0-9a-f]{32}$/);
    const logs = logLines.join('\n');
    expect(logs).not.toContain('Kanarienvogel');
    expect(logs).not.toContain(c.callSid);
    expect(logs).not.toContain('+4917612345678');
  }, 40_000);

  // Runs after the call above (same file, in order): exactly one finished phone call so far.
  // The analytics API suppresses days under 5 calls, so the exact counts are read from the same
  // Analytics instance GET /api/flows/{id}/analytics reports from.
  it('the call is counted in the flow analytics and /metrics, with nothing of the caller in either', async () => {
    const q = { tenantId, flowId, from: '2026-03-02', to: '2026-03-02' };
    let days: Awaited<ReturnType<Analytics['days']>> = [];
    const deadline = Date.now() + 8000;
    while (days.length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
      days = await analytics.days(q);
    }
    expect(days).toHaveLength(1);
    expect(days[0]).toMatchObject({
      version: 1,
      day: '2026-03-02',
      calls: 1,
      hungUp: 1,
      delivered: 0,
      handedOff: 0,
      failed: 0,
    });
    const counters = (await analytics.counters(q))
      .map((c) => `${c.node}.${c.metric}${c.key ? `.${c.key}` : ''}=${c.count}`)
      .sort();
    expect(counters).toEqual([
      'begruessung.entered=1',
      'begruessung.left.yes=1',
      'personalien.entered=1',
      'personalien.hungUp=1',
      'personalien.left.hung-up=1',
      'sprechzeiten.entered=1',
      'sprechzeiten.left.open=1',
    ]);
    const res = await fetch(`${serverUrl()}/metrics`, {
      headers: { Authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/^callflow_active_calls 0$/m);
    expect(Number(/^callflow_turns_total (\d+)$/m.exec(text)?.[1])).toBe(2); // consent answer + name
    expect(text).toMatch(/^callflow_calls_total\{outcome="hung-up",source="phone"\} 1$/m);
    expect(text).toMatch(/^callflow_call_duration_seconds_count 1$/m);
    // Answered turns are timed from the inside: engine part and provider waits apart. A turn whose
    // answer was slow enough for the filler („Einen Moment bitte“, likely on a busy machine) has
    // no engine figure by design (turn-timer.ts), so those are left out of the count.
    const fillers = logLines.filter((l) => l.includes('"twilio.filler"')).length;
    expect(fillers).toBeLessThanOrEqual(2);
    // At least one turn is timed, never more than were answered without the filler, and every
    // timed turn has its provider wait. (A fresh-clone CI run once timed 1 of 2 turns with no
    // filler logged; the cause is not found yet — see the session 7 note.)
    const timed = Number(/^callflow_engine_latency_seconds_count (\d+)$/m.exec(text)?.[1]);
    expect(timed).toBeGreaterThanOrEqual(1);
    expect(timed).toBeLessThanOrEqual(2 - fillers);
    expect(text).toMatch(new RegExp(`^callflow_turn_provider_wait_seconds_count ${timed}$`, 'm'));
    // Canary: neither the caller's words nor their number nor the CallSid end up in counts or metrics.
    const everything = JSON.stringify([days, await analytics.counters(q)]) + text;
    for (const secret of ['Kanarienvogel', 'Anna', '4917612345678', 'Ja, gerne'])
      expect(everything).not.toContain(secret);
    expect(everything).not.toMatch(/CA[0-9a-f]{32}/);
  });
});

describe('phone routes: a call to a flow without storage', () => {
  it('is counted in memory only: in /metrics, never in the database', async () => {
    const doc = JSON.parse(readFileSync(join(__dirname, '../../flows/arztpraxis.flow.json'), 'utf8')) as {
      settings: Record<string, unknown>;
    };
    doc.settings = {
      ...doc.settings,
      zeroPersistence: true,
      retention: { mode: 'immediate' },
      delivery: { inbox: false, webhookUrl: env.webhook.url },
    };
    const loaded = flowTools.load(doc, DEMO_TARGETS);
    if (!loaded.ok) throw new Error('the test flow does not load');
    const zp = await store.flows.create(tenantId, {
      slug: 'praxis-ohne-speicherung',
      name: 'Praxis ohne Speicherung',
      document: doc,
      userId: null,
    });
    await store.versions.append(tenantId, zp.id, {
      contentHash: loaded.compiled.contentHash,
      canonicalJson: flowTools.canonicalJson(loaded.compiled.flow),
      message: 'test',
      authorId: null,
    });
    await store.numbers.assign(NUMBER_ZP, tenantId);
    await store.numbers.bind(tenantId, { number: NUMBER_ZP, flowId: zp.id, version: null });

    const c = caller({ to: NUMBER_ZP });
    await c.connect(await c.placeCall());
    const heard = () => eleven.requests.map((r) => String(r.body.text)).join(' | ');
    const before = heard().length;
    await waitFor(
      () =>
        /Darf ich/.test(heard().slice(before)) &&
        c.echoedMarks.length > 0 &&
        c.received.filter((r) => r.event === 'mark').length === c.echoedMarks.length,
      'greeting',
    );
    google.say('Ja, gerne.');
    await c.speak(600, 1);
    await c.pause(400);
    await waitFor(() => /Vor- und Nachname/.test(heard().slice(before)), 'name question');
    await c.hangup();

    const q = { tenantId, flowId: zp.id, from: '2026-03-02', to: '2026-03-02' };
    await waitFor(() => env.webhook.bodies.length > 0, 'record delivered to the webhook');
    let inMemory: Awaited<ReturnType<Analytics['days']>> = [];
    const deadline = Date.now() + 8000;
    while (inMemory.length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
      inMemory = await analytics.memory.days(q);
    }
    expect(inMemory).toHaveLength(1);
    expect(inMemory[0]).toMatchObject({ calls: 1, hungUp: 1 });
    expect(await store.analytics!.days(q)).toEqual([]);
    expect(await store.analytics!.counters(q)).toEqual([]);
    const text = await (
      await fetch(`${serverUrl()}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })
    ).text();
    expect(text).toContain(
      `callflow_zero_persistence_calls_total{flow_id="${zp.id}",outcome="hung-up",source="phone"} 1`,
    );
    expect(text).toContain(
      `callflow_zero_persistence_node_total{flow_id="${zp.id}",node_id="begruessung",counter="left",key="yes",source="phone"} 1`,
    );
    expect(text).toMatch(/^callflow_active_calls 0$/m);
  }, 30_000);
});

describe('phone routes: handoff to the practice team', () => {
  it('DTMF 0 → REST update with <Dial> to the allow-listed number; the whisper is served once, signed', async () => {
    const c = caller();
    await c.connect(await c.placeCall());
    await waitFor(
      () =>
        c.echoedMarks.length > 0 &&
        c.received.filter((r) => r.event === 'mark').length === c.echoedMarks.length,
      'greeting heard',
    );
    c.dtmf('0');
    const update = await rest.waitForUpdate((u) => u.callSid === c.callSid, 8000);
    const twiml = String(update.params.Twiml);
    expect(twiml).toMatch(/<Dial action="https:\/\/voice\.example\.de\/twilio\/dial-action"/);
    const whisperPath = /url="https:\/\/voice\.example\.de(\/twilio\/whisper\/[0-9a-f-]+)"/.exec(twiml)?.[1];
    expect(whisperPath).toBeDefined();
    expect(twiml).toContain(`>${DEMO_TARGETS.find((t) => t.id === 'empfang')!.number}</Number>`);
    const forged = await caller({ voicePath: whisperPath, signWithToken: 'nope' }).placeCall();
    expect(forged.status).toBe(403);
    const whisper = await caller({ voicePath: whisperPath }).placeCall();
    expect(whisper.body).toMatch(/<Say language="de-DE">[^<]+<\/Say>/);
    expect((await caller({ voicePath: whisperPath }).placeCall()).body).not.toContain('<Say'); // taken once
    const noAnswer = await caller({ voicePath: '/twilio/dial-action' }).placeCall({
      DialCallStatus: 'no-answer',
    });
    expect(noAnswer.body).toContain('niemand erreichbar');
    await c.hangup();
  }, 20_000);
});

describe('phone routes: provider faults in /metrics', () => {
  it('a voice (TTS) failure is counted by provider and stage, and the call still ends cleanly', async () => {
    const metricsText = async () =>
      (
        await fetch(`${serverUrl()}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })
      ).text();
    const ttsErrors = async () =>
      Number(
        /^callflow_provider_errors_total\{provider="elevenlabs",stage="tts"\} (\d+)$/m.exec(
          await metricsText(),
        )?.[1] ?? 0,
      );
    expect(await ttsErrors()).toBe(0);
    // Another voice: nothing of this flow is in the prompt cache, so the greeting needs the vendor.
    const doc = JSON.parse(readFileSync(join(__dirname, '../../flows/arztpraxis.flow.json'), 'utf8')) as {
      settings: { providers: Record<string, unknown> };
    };
    doc.settings.providers = { ...doc.settings.providers, voiceId: 'voice-unheard' };
    const loaded = flowTools.load(doc, DEMO_TARGETS);
    if (!loaded.ok) throw new Error('the test flow does not load');
    const other = await store.flows.create(tenantId, {
      slug: 'praxis-andere-stimme',
      name: 'Praxis, andere Stimme',
      document: doc,
      userId: null,
    });
    await store.versions.append(tenantId, other.id, {
      contentHash: loaded.compiled.contentHash,
      canonicalJson: flowTools.canonicalJson(loaded.compiled.flow),
      message: 'test',
      authorId: null,
    });
    await store.numbers.assign('+4930555000333', tenantId);
    await store.numbers.bind(tenantId, { number: '+4930555000333', flowId: other.id, version: null });
    eleven.failNext({ kind: 'status', status: 401 }); // not retried: TTS counts as broken for the call
    const c = caller({ to: '+4930555000333' });
    await c.connect(await c.placeCall());
    const deadline = Date.now() + 8000;
    let errors = 0;
    while (errors === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      errors = await ttsErrors();
    }
    expect(errors).toBeGreaterThan(0);
    await c.hangup();
    let text = await metricsText();
    for (let i = 0; i < 100 && !/^callflow_active_calls 0$/m.test(text); i++) {
      await new Promise((r) => setTimeout(r, 20));
      text = await metricsText();
    }
    expect(text).toMatch(/^callflow_active_calls 0$/m);
  }, 20_000);
});

describe('phone routes: callbacks and shutdown', () => {
  it('status callbacks need a valid signature and are acknowledged', async () => {
    const good = await caller({ voicePath: '/twilio/status' }).placeCall({ CallStatus: 'completed' });
    expect(good.status).toBe(204);
    const bad = await caller({ voicePath: '/twilio/status', signWithToken: 'nope' }).placeCall();
    expect(bad.status).toBe(403);
    expect(logLines.some((l) => l.includes('"twilio.status"') && l.includes('"completed"'))).toBe(true);
  });

  it('while draining, a new call hears an apology instead of a stream', async () => {
    const app = createApp({
      twoFactorKey: randomBytes(32),
      store,
      flowTools,
      logger: createLogger({ level: 'error', destination: new Writable({ write: (_c, _e, cb) => cb() }) }),
      now,
      records,
      phone,
      config: { publicBaseUrl, trustProxy: false, allowLoopbackWebhooks: false, designerDir: '/nonexistent' },
      templates: new Map(),
      isDraining: () => true,
    });
    const c = caller();
    const params = { CallSid: c.callSid, To: NUMBER };
    const { twilioSignature } = await import('../../engine/src/providers/twilio/signature');
    const res = await app.request('/twilio/voice', {
      method: 'POST',
      body: new URLSearchParams(params),
      headers: { 'x-twilio-signature': twilioSignature(authToken, `${publicBaseUrl}/twilio/voice`, params) },
    });
    const body = await res.text();
    expect(body).toContain('neu gestartet');
    expect(body).not.toContain('<Stream');
  });
});

describe('phone routes without provider keys', () => {
  it('answer a clear "not configured" TwiML and open nothing', async () => {
    const app = createApp({
      twoFactorKey: randomBytes(32),
      store,
      flowTools,
      logger: createLogger({ level: 'error', destination: new Writable({ write: (_c, _e, cb) => cb() }) }),
      now,
      records,
      config: { publicBaseUrl, trustProxy: false, allowLoopbackWebhooks: false, designerDir: '/nonexistent' },
      templates: new Map(),
    });
    const res = await app.request('/twilio/voice', {
      method: 'POST',
      body: new URLSearchParams({ To: NUMBER }),
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('noch nicht eingerichtet');
  });
});

// Last in the file: the tests above count every call and vendor session of this server so far.
describe('phone routes: a stream token opens one stream', () => {
  const streamLines = (reason?: string) =>
    logLines.filter(
      (l) =>
        l.includes('"event":"twilio.stream"') &&
        (reason ? l.includes(`"reason":"${reason}"`) : l.includes('"outcome":"started"')),
    ).length;

  it('three sockets with one token at once: one call; the others, and one a while later, are closed (1008) before any session', async () => {
    const [startedBefore, usedBefore] = [streamLines(), streamLines('token_used')];
    const first = caller();
    const answer = await first.placeCall();
    // What an attacker holding the answer does: the same token on more sockets of the same call.
    const sockets = [first, caller({ callSid: first.callSid }), caller({ callSid: first.callSid })];
    await Promise.all(sockets.map((s) => s.connect(answer)));
    const closedWith = new Map<TwilioCaller, number>();
    for (const s of sockets) void s.closed().then(({ code }) => closedWith.set(s, code));
    await waitFor(() => closedWith.size === 2, 'two sockets closed');
    expect([...closedWith.values()]).toEqual([1008, 1008]);
    for (const s of closedWith.keys()) expect(s.mediaFrames).toHaveLength(0);
    expect(streamLines('token_used')).toBe(usedBefore + 2);
    const [live] = sockets.filter((s) => !closedWith.has(s));
    await waitFor(() => live.mediaFrames.length > 0, 'the one accepted stream hears the greeting');
    await live.hangup();

    const later = caller({ callSid: first.callSid });
    await later.connect(answer);
    expect((await later.closed()).code).toBe(1008);
    expect(later.mediaFrames).toHaveLength(0);
    expect(streamLines('token_used')).toBe(usedBefore + 3);
    expect(streamLines()).toBe(startedBefore + 1); // one CallSession, one provider session set
  }, 30_000);
});
