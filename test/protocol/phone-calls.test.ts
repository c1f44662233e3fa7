// Issue 6's end-to-end proof: whole phone calls of every example flow over real loopback
// sockets — the Twilio caller harness against the real Hono server, the real vendor SDKs
// against the wire-level fakes. Everything is asserted as the caller (audio, marks, clear) or
// the business (inbox, webhook, the REST <Dial> and its whisper) observes it; no timing
// assertions (barge-in is counted in frames). TTS and Dial faults live in phone-fallbacks.test.ts.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { InboxItem } from '../../engine/src/records/inbox';
import { DEMO_TARGETS } from '../../engine/src/store/bootstrap';
import { MONDAY_9, startPhoneServer, waitFor, type PhoneServer } from './phone-server';
import { phoneSteps } from './phone-steps';

const EMPFANG = DEMO_TARGETS.find((t) => t.id === 'empfang')!.number;
const SUPPORT = DEMO_TARGETS.find((t) => t.id === 'support-team')!.number;
const PRAXIS = '+4930555100001';
const KANZLEI = '+4930555100002';
const SUPPORT_DESK = '+4930555100003';
/** Monday 2 March 2026, 10:00 London: the support desk is open (it opens at 08:30). */
const MONDAY_10_LONDON = Date.parse('2026-03-02T10:00:00+00:00');

let env: PhoneServer;
let base = MONDAY_9;
const t0 = Date.now();

beforeAll(async () => {
  env = await startPhoneServer({ now: () => base + (Date.now() - t0) });
  await env.bind('arztpraxis', PRAXIS);
  await env.bind('support-desk', SUPPORT_DESK);
  // The law firm's published example delivers to its own https receiver; here, to 127.0.0.1.
  const kanzlei = env.exampleDoc('kanzlei');
  kanzlei.settings.delivery = { ...kanzlei.settings.delivery, webhookUrl: env.webhook.url };
  await env.publish(kanzlei, 'kanzlei-test', KANZLEI);
}, 90_000);

// One test's unspent words or faults (it failed, or its call went another way) are not the next one's.
afterEach(() => {
  env?.google.forgetScripted();
});

afterAll(async () => {
  await env?.close();
});

// ---- what the caller and the business observe ---------------------------------------------

const { heard, allHeard, untilHeard, say, call, recordLines, nextRecord, noteOf, handoffOf, staffAnswers } =
  phoneSteps(() => env);

/** Audio seeds for turns this file speaks itself (the steps count their own). */
let seed = 1000;

const value = (item: InboxItem, key: string) =>
  (item.record.fields[key] as { value?: unknown } | undefined)?.value;
const storedRows = async () => (await env.store.callNotes.list(env.tenantId, { limit: 1000 })).length;

// ---- the three example flows, start to end ------------------------------------------------

describe("a whole call to the doctor's office (stored 7 days, inbox)", () => {
  it('greets, takes every detail, branches to the prescription, says goodbye, hangs up; the note is stored', async () => {
    const records = recordLines().length;
    const rowsBefore = await storedRows();
    const c = await call(PRAXIS);
    await c.waitForMedia();
    await untilHeard(c, 'begruessung/question');
    expect(heard(c)).toEqual(['begruessung/disclosure', 'begruessung/question']);
    await say(c, 'Ja, gerne.', 'personalien/name.prompt');
    await say(c, 'Mein Name ist Anna Schmidt', 'personalien/geburtsdatum.prompt');
    await say(c, 'dritter März neunzehnhundertachtzig', 'personalien/readback');
    await say(c, 'ja', 'personalien/rueckrufnummer.prompt');
    await say(c, 'null eins sieben eins, eins zwei drei vier fünf sechs sieben', 'personalien/readback');
    await say(c, 'Ja, genau.', 'anliegen/anliegen.prompt');
    await say(c, 'Ich brauche ein Folgerezept für meine Blutdrucktabletten.', 'rezept/medikament.prompt');
    await say(c, 'Ramipril fünf Milligramm', 'abschluss/text');
    // The engine ends the call after the goodbye was heard: Twilio REST hangup, socket closed.
    expect((await c.closed()).code).toBe(1000);
    expect(heard(c)).toContain('rezept_hinweis/text');

    const note = await noteOf(await nextRecord(records));
    expect(note.stored).toBe(true);
    expect(await storedRows()).toBe(rowsBefore + 1);
    expect(note.expiresAt - note.createdAt).toBe(7 * 24 * 3600_000);
    expect(note.record).toMatchObject({
      consent: 'given',
      outcome: 'completed',
      flags: [],
      priority: 'normal',
      callerNumber: '+4917612345678',
    });
    expect(value(note, 'name')).toBe('Anna Schmidt');
    expect(value(note, 'geburtsdatum')).toBe('1980-03-03');
    expect(value(note, 'rueckrufnummer')).toBe('+491711234567');
    expect(value(note, 'medikament')).toBe('Ramipril fünf Milligramm');
    // The concern is special-category data kept away from the LLM (llm: false): never sent to OpenAI.
    expect(JSON.stringify(env.openai.requests.map((r) => r.body))).not.toContain('Blutdrucktabletten');
  }, 150_000);

  it('"Notfall" → the emergency notice (not interruptible), REST handoff to the practice with the emergency whisper; the note is flagged urgent', async () => {
    const records = recordLines().length;
    const c = await call(PRAXIS);
    await untilHeard(c, 'begruessung/question');
    await say(c, 'Ja', 'personalien/name.prompt');
    env.google.say('Es ist ein Notfall, mein Mann hat Schmerzen in der Brust');
    await c.speak(900, seed++);
    await c.pause(400);
    // The caller talks over the notice: it must still be heard to the end (no clear).
    await c.waitForMedia(c.lastSpeechSentAt);
    await c.speak(400, seed++);
    await c.pause(200);
    const { twiml, whisper } = await handoffOf(c);
    expect(c.received.some((r) => r.event === 'clear')).toBe(false);
    expect(heard(c)).toContain('notfall_hinweis/text');
    expect(heard(c)).toContain('notfall_weiterleitung/announce');
    expect(twiml).toContain(`>${EMPFANG}</Number>`);
    expect(twiml).toMatch(
      /<Dial action="https:\/\/voice\.example\.de\/twilio\/dial-action"[^>]*timeout="30"/,
    );
    expect(whisper).toMatch(
      /<Say language="de-DE">Achtung, möglicher Notfall\. Anruf über den KI-Assistenten\.<\/Say>/,
    );
    await staffAnswers(c);

    const note = await noteOf(await nextRecord(records));
    expect(note.record.flags).toEqual(['emergency']);
    expect(note.record.priority).toBe('urgent');
    expect(note.record).toMatchObject({
      outcome: 'handed-off',
      handoff: { target: 'empfang', outcome: 'answered' },
    });
  }, 120_000);
});

describe('a whole call to the law firm (zero persistence, webhook only)', () => {
  it('takes contact, legal area, concern and a callback time; the note goes to the webhook and never to the database', async () => {
    const hooks = env.webhook.bodies.length;
    const rowsBefore = await storedRows();
    const c = await call(KANZLEI, '+4930123456');
    await untilHeard(c, 'begruessung/question');
    await say(c, 'Ja, einverstanden.', 'kontakt/name.prompt');
    await say(c, 'Mein Name ist Thomas Becker', 'kontakt/rueckrufnummer.prompt');
    await say(c, 'Null eins sieben sechs, neun acht sieben sechs fünf vier drei zwei', 'kontakt/readback');
    await say(c, 'ja', 'rechtsgebiet/rechtsgebiet.prompt');
    await say(c, 'Es geht um meine Kündigung.', 'anliegen/anliegen.prompt');
    await say(
      c,
      'Mein Arbeitgeber hat mir nach zwölf Jahren ohne Abmahnung gekündigt.',
      'rueckruf/timePrompt',
    );
    expect(heard(c)).toContain('hinweis_kuendigung/text');
    await say(c, 'morgen um zehn Uhr', 'abschluss/text');
    expect((await c.closed()).code).toBe(1000);

    await waitFor(() => env.webhook.bodies.length > hooks, 'webhook delivery');
    const payload = JSON.parse(env.webhook.bodies[hooks]) as { type: string; record: InboxItem['record'] };
    expect(payload.type).toBe('call.note');
    expect(payload.record).toMatchObject({
      consent: 'given',
      outcome: 'completed',
      concern: expect.stringContaining('ohne Abmahnung'),
    });
    expect((payload.record.fields.name as { value: string }).value).toBe('Thomas Becker');
    expect((payload.record.fields.rechtsgebiet as { value: string }).value).toBe('arbeitsrecht');
    expect(payload.record.callback).toMatchObject({
      number: '+4917698765432',
      preferredTime: expect.stringMatching(/^2026-03-03T10:00/),
    });
    // The flow does not record the caller ID, and nothing of the call reached SQLite.
    expect(JSON.stringify(payload)).not.toContain('4930123456');
    expect(await storedRows()).toBe(rowsBefore);
  }, 150_000);
});

describe('a whole call to the support desk (English, archived up to 30 days)', () => {
  it('takes contact details and the issue, routes "technical" to the team via REST with the caller named in the whisper', async () => {
    base = MONDAY_10_LONDON;
    try {
      const records = recordLines().length;
      const c = await call(SUPPORT_DESK, '+447911123456');
      await untilHeard(c, 'welcome/question');
      await say(c, 'Yes, sure.', 'contact/name.prompt');
      await say(c, 'My name is John Smith', 'contact/email.prompt');
      await say(c, 'john dot smith at example dot com', 'contact/readback');
      await say(c, 'yes', 'contact/phone.prompt');
      await say(c, 'oh seven nine one one, one two three four five six', 'contact/readback');
      await say(c, "that's right", 'contact/customerNumber.prompt');
      await say(c, 'one two three four five six seven', 'contact/readback');
      await say(c, 'correct', 'issue/issue.prompt');
      await say(c, "I can't log in to the dashboard since this morning.", 'topic/prompt');
      env.google.say("It's a technical problem.");
      await c.speak(600, seed++);
      await c.pause(400);
      const { twiml, whisper } = await handoffOf(c);
      expect(heard(c)).toContain('transfer/announce');
      expect(twiml).toContain(`>${SUPPORT}</Number>`);
      expect(whisper).toMatch(
        /<Say language="en-GB">Call from the AI assistant\. Caller: John Smith\.<\/Say>/,
      );
      await staffAnswers(c);

      const note = await noteOf(await nextRecord(records));
      expect(note.stored).toBe(true);
      expect(note.expiresAt - note.createdAt).toBeLessThanOrEqual(30 * 24 * 3600_000);
      expect(note.record).toMatchObject({
        consent: 'given',
        outcome: 'handed-off',
        handoff: { target: 'support-team', outcome: 'answered' },
        concern: expect.stringContaining("can't log in"),
      });
      expect(value(note, 'email')).toBe('john.smith@example.com');
      expect(value(note, 'customerNumber')).toBe('1234567');
    } finally {
      base = MONDAY_9;
    }
  }, 150_000);
});

// ---- provider faults that are not TTS or Dial (those are in phone-fallbacks.test.ts) --------

describe('provider faults end in the defined fallback', () => {
  /** The practice flow with short silence limits, so a deaf call reaches its fallback quickly. */
  const DEAF = '+4930555100004';
  beforeAll(async () => {
    const doc = env.exampleDoc('arztpraxis');
    doc.settings.limits = { ...doc.settings.limits, silenceSeconds: 2, maxSilences: 1 };
    await env.publish(doc, 'praxis-kurze-stille', DEAF);
  });

  it('STT: a failing recognizer is restarted once, then the caller hears an apology and is put through to a human', async () => {
    const records = recordLines().length;
    const c = await call(DEAF);
    await untilHeard(c, 'begruessung/question');
    // Consent by key: no audio reaches a recognizer until the faults below are armed (a spoken
    // "Ja" is acted on at once, and the rest of its pause would already open the next stream).
    c.dtmf('1');
    await untilHeard(c, 'personalien/name.prompt');
    const streams = env.google.streams.length;
    const faults = env.logLines.filter((l) => l.includes('"twilio.fault"')).length;
    // Every stream fails (UNAVAILABLE): the session's own retry, then the listener's one reopen (with its retry).
    for (let i = 0; i < 4; i++) env.google.injectFault({ kind: 'error', code: 14, afterAudioMs: 100 });
    await c.speak(600, seed++); // no words scripted: nothing could be heard anyway
    await c.pause(1000);
    const { twiml } = await handoffOf(c);
    expect(twiml).toContain(`>${EMPFANG}</Number>`);
    expect(env.google.streams.slice(streams).map((s) => s.outcome)).toEqual([
      'failed',
      'failed',
      'failed',
      'failed',
    ]);
    // Never answered as if understood: an apology, then the transfer.
    const after = heard(c).slice(heard(c).indexOf('personalien/name.prompt') + 1);
    expect(after).not.toContain('personalien/geburtsdatum.prompt');
    expect(after).toContain('personalien/hearingFault');
    const faultLines = env.logLines.filter((l) => l.includes('"twilio.fault"')).slice(faults);
    expect(faultLines.length).toBeGreaterThanOrEqual(2);
    expect(faultLines.every((l) => /"code":"stt_/.test(l))).toBe(true);
    await c.hangup();
    const note = await noteOf(await nextRecord(records));
    expect(note.record.flags).toContain('fault:stt');
  }, 120_000);

  it.each([
    ['an error (500)', { kind: 'status', status: 500 } as const],
    ['a timeout', { kind: 'reply', delayMs: 5000 } as const],
  ])(
    'LLM %s: the field is asked again and filled by deterministic understanding',
    async (_label, behaviour) => {
      const records = recordLines().length;
      const c = await call(SUPPORT_DESK, '+447911123456');
      await untilHeard(c, 'welcome/question');
      await say(c, 'Yes', 'contact/name.prompt');
      const asked = env.openai.requests.length;
      env.openai.enqueue(behaviour);
      // Words the deterministic parser cannot read as a name: the engine asks the LLM, which fails.
      await say(c, "I'd rather not say", 'contact/name.reprompt');
      expect(env.openai.requests.length).toBe(asked + 1);
      await say(c, 'My name is John Smith', 'contact/email.prompt');
      await c.hangup();
      const note = await noteOf(await nextRecord(records));
      expect(note.record.fields.name).toMatchObject({ value: 'John Smith', source: 'speech' });
    },
    40_000,
  );

  it('the practice (professional secrecy, health data) never asks the LLM: a name not understood is asked again', async () => {
    const records = recordLines().length;
    const c = await call(PRAXIS);
    await untilHeard(c, 'begruessung/question');
    await say(c, 'Ja', 'personalien/name.prompt');
    const asked = env.openai.requests.length;
    await say(c, 'Das möchte ich lieber nicht sagen', 'personalien/name.reprompt');
    await say(c, 'Mein Name ist Anna Schmidt', 'personalien/geburtsdatum.prompt');
    await c.hangup();
    expect(env.openai.requests.length).toBe(asked);
    const note = await noteOf(await nextRecord(records));
    expect(note.record.fields.name).toMatchObject({ value: 'Anna Schmidt', source: 'speech' });
  }, 120_000);

  it('Twilio socket drop mid-call (stored flow): the call ends cleanly and the note keeps what was said', async () => {
    const records = recordLines().length;
    const c = await call(PRAXIS);
    await untilHeard(c, 'begruessung/question');
    await say(c, 'Ja', 'personalien/name.prompt');
    await say(c, 'Mein Name ist Jonas Abbruch', 'personalien/geburtsdatum.prompt');
    await c.drop();
    const note = await noteOf(await nextRecord(records));
    expect(note.stored).toBe(true);
    expect(note.record).toMatchObject({ outcome: 'hung-up', consent: 'given' });
    expect(value(note, 'name')).toBe('Jonas Abbruch');
    expect(note.expiresAt - note.createdAt).toBe(7 * 24 * 3600_000);
  }, 90_000);

  it('Twilio socket drop mid-call (zero persistence): the note goes to the webhook only, no row', async () => {
    const hooks = env.webhook.bodies.length;
    const rowsBefore = await storedRows();
    const c = await call(KANZLEI);
    await untilHeard(c, 'begruessung/question');
    await say(c, 'Ja', 'kontakt/name.prompt');
    await say(c, 'Mein Name ist Jonas Abbruch', 'kontakt/rueckrufnummer.prompt');
    await c.drop();
    await waitFor(() => env.webhook.bodies.length > hooks, 'webhook delivery');
    const payload = JSON.parse(env.webhook.bodies[hooks]) as { record: InboxItem['record'] };
    expect(payload.record).toMatchObject({
      outcome: 'hung-up',
      fields: { name: { value: 'Jonas Abbruch' } },
    });
    expect(await storedRows()).toBe(rowsBefore);
  }, 90_000);
});

// ---- barge-in and long turns: servers of their own (real-time pacing; a short STT limit) -----

describe('barge-in at real-time pacing', () => {
  let rt: PhoneServer;
  const NUMBER = '+4930555100005';
  beforeAll(async () => {
    // The engine paces like production (200 ms ahead); the caller answers at once (unpaced), so
    // only the engine's pacing decides how many frames go out before `clear`.
    rt = await startPhoneServer({ leadMs: 200, logLevel: 'warn' });
    const doc = rt.exampleDoc('arztpraxis');
    doc.nodes.begruessung.disclosure = 'Sie sprechen mit einem KI-Assistenten.'; // shorter: the test waits for it in real time
    await rt.publish(doc, 'praxis-kurz', NUMBER);
  }, 90_000);
  afterAll(async () => rt?.close());

  it('the caller talking into the consent question gets `clear` with at most one more frame after their first voiced frame, and "Ja" counts', async () => {
    const c = rt.caller({ to: NUMBER, speed: Infinity });
    await c.connect(await c.placeCall());
    await c.waitForMark('begruessung/disclosure#1', 30_000);
    await waitFor(() => c.echoedMarks.length === 1, 'disclosure heard', 30_000);
    const questionStart = c.mediaFrames.length;
    await waitFor(() => c.mediaFrames.length >= questionStart + 10, 'the question playing');
    rt.google.say('Ja');
    const firstVoicedAt = performance.now();
    const speaking = c.speak(400, 7); // the first voiced frame goes out synchronously
    const clear = await c.waitForClear(firstVoicedAt);
    await speaking;
    const framesAfterVoice = c.mediaFrames.filter((f) => f.at > firstVoicedAt && f.at < clear.at).length;
    expect(framesAfterVoice).toBeLessThanOrEqual(1);
    // The question was cut off: its mark never came, and far fewer frames than it has arrived.
    expect(c.received.some((r) => r.event === 'mark' && r.name.startsWith('begruessung/question'))).toBe(
      false,
    );
    const questionFrames = c.mediaFrames.filter((f) => f.at < clear.at).length - questionStart;
    expect(questionFrames).toBeLessThan(100); // the question alone is ~230 frames (4.6 s)
    // The interruption was the answer: consent given, the next question comes.
    await c.pause(400);
    await waitFor(
      () => c.echoedMarks.some((m) => m.name.startsWith('personalien/name.prompt')),
      'name question',
      30_000,
    );
    await c.hangup();
  }, 120_000);
});

describe('a turn across a swap of recognizer streams', () => {
  let lim: PhoneServer;
  const NUMBER = '+4930555100006';
  beforeAll(async () => {
    // Google cuts a stream after ~305 s of audio and the engine swaps streams from 270 s on (at a
    // pause; mid-speech at 290 s, replaying up to 135 s of unsettled audio). Scaled down: a 4 s
    // limit, swap from 2 s, mid-speech at 2.3 s, a 1 s replay. The replay must hold a whole
    // utterance, as 135 s does in production: with a replay shorter than the name (an earlier
    // scale: 0.5 s against 2 s of speech), a swap that a busy machine delayed into the pause after
    // the name left only silence to replay, and the name was lost — an artefact of the scale.
    // The mid-speech replay itself is pinned down in google-speech.test.ts.
    lim = await startPhoneServer({
      google: { streamLimitMs: 4000 },
      speechRestart: { afterMs: 2000, graceMs: 300 },
    });
    await lim.bind('arztpraxis', NUMBER);
  }, 90_000);
  afterAll(async () => lim?.close());

  it('loses no words: a name said across a stream swap is captured whole, and no stream hits the limit', async () => {
    const c = lim.caller({ to: NUMBER });
    await c.connect(await c.placeCall());
    await waitFor(
      () => c.echoedMarks.some((m) => m.name.startsWith('begruessung/question')) && allHeard(c),
      'consent question',
      30_000,
    );
    lim.google.say('Ja');
    await c.speak(600, 1);
    await c.pause(400);
    await waitFor(
      () => c.echoedMarks.some((m) => m.name.startsWith('personalien/name.prompt')) && allHeard(c),
      'name question',
      30_000,
    );
    const streams = lim.google.streams.length;
    lim.google.say('Mein Name ist Konstantin Langenbach');
    await c.pause(1800); // thinking…
    await c.speak(800, 2); // …then the name: streams are swapped during the turn, at a pause or mid-speech
    await c.pause(600);
    await waitFor(
      () => c.echoedMarks.some((m) => m.name.startsWith('personalien/geburtsdatum.prompt')),
      'birth date question',
      30_000,
    );
    const used = lim.google.streams.slice(streams);
    expect(used.length).toBeGreaterThanOrEqual(2);
    expect(used.every((s) => s.outcome !== 'failed' && s.audioMs <= 4000)).toBe(true);
    expect(used.flatMap((s) => s.finals)).toEqual(['Mein Name ist Konstantin Langenbach']); // heard once, not twice
    const records = lim.logLines.filter((l) => l.includes('"twilio.record"')).length;
    await c.hangup();
    await waitFor(() => lim.logLines.filter((l) => l.includes('"twilio.record"')).length > records, 'record');
    const txId = (
      JSON.parse(lim.logLines.filter((l) => l.includes('"twilio.record"'))[records]) as { txId: string }
    ).txId;
    const note = await lim.records.inbox.read(lim.tenantId, txId);
    expect((note?.record.fields.name as { value: string }).value).toBe('Konstantin Langenbach');
  }, 120_000);
});
