// Issue 27 over the real phone path (signed webhook, Media Streams, marks; the real SDKs against
// the vendor fakes): the caller never waits on us. A complete answer is acted on without the
// end-of-turn wait, a partial one is waited for and merged; a recognizer that stalls is
// restarted without losing the caller's words, one that stalls twice leads to the apology and a
// person; a voice or a model that hangs gets the filler first, then the existing fallback.
// Asserted as order and causality (what was heard before what), never as timing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillerPrompt, staticPrompts } from '../../engine/src/flow/interpreter';
import { DEMO_TARGETS } from '../../engine/src/store/bootstrap';
import type { TwilioCaller } from '../harness/twilio-caller';
import {
  heard,
  startPhoneServer,
  untilHeard,
  waitFor,
  type PhoneServer,
  answerWith,
  nextSeed,
} from './phone-server';

const PRAXIS = '+4930555100027';
const PRAXIS_WITH_MODEL = '+4930555100028';
/**
 * A partial answer waits a minute here, so a test can never pass by a lucky pause: whatever is
 * acted on before the rest was spoken was not waited for.
 */
const PARTIAL_WAIT_MS = 60_000;

let env: PhoneServer;

beforeAll(async () => {
  env = await startPhoneServer({ turnTaking: { partialWaitMs: PARTIAL_WAIT_MS } });
  await env.bind('arztpraxis', PRAXIS);
  // The practice keeps every detail from the model (professional secrecy); a copy that lets the
  // model read the birth date is where a hanging model can be heard at all.
  const withModel = env.exampleDoc('arztpraxis');
  for (const field of withModel.nodes.personalien.fields) if (field.key === 'geburtsdatum') field.llm = true;
  await env.publish(withModel, 'praxis-mit-ki', PRAXIS_WITH_MODEL);
  // Publishing warms the apologies and the filler (prewarm.ts); here the same, directly.
  const loaded = env.flowTools.load(env.exampleDoc('arztpraxis'), DEMO_TARGETS);
  if (!loaded.ok) throw new Error('arztpraxis does not load');
  const warmed = await env.phone.warmer.warm(
    staticPrompts(loaded.compiled).filter((p) => p.cacheKey.startsWith('builtin:')),
    { voiceId: 'voice-de', languageCode: 'de-DE' },
  );
  expect(warmed.failed).toBe(0);
  expect(fillerPrompt(loaded.compiled).text).toBe('Einen Moment, bitte.');
}, 30_000);

afterAll(async () => {
  await env?.close();
});

async function call(to = PRAXIS): Promise<TwilioCaller> {
  const c = env.caller({ to });
  await c.connect(await c.placeCall());
  await untilHeard(c, 'begruessung/question');
  return c;
}

const answer = (c: TwilioCaller, words: string, next: string) => answerWith(env, c, words, next);

/** Prompts sent to the caller (marks, heard or not), as `node/prompt`, from index `from` on. */
const sent = (c: TwilioCaller, from = 0) =>
  c.received.slice(from).flatMap((r) => (r.event === 'mark' ? [r.name.replace(/#\d+$/, '')] : []));

const logged = (event: string, code?: string) =>
  env.logLines.some((l) => l.includes(`"event":"${event}"`) && (!code || l.includes(`"${code}"`)));

describe('end of turn on the phone', () => {
  it('a complete answer is acted on without waiting (a partial one would wait a minute here)', async () => {
    const c = await call();
    await answer(c, 'Ja, gerne.', 'personalien/name.prompt');
    await answer(c, 'Mein Name ist Anna Schmidt', 'personalien/geburtsdatum.prompt');
    await c.hangup();
  }, 30_000);

  it('a partial answer is waited for and merged: one number from two pieces', async () => {
    const c = await call();
    await answer(c, 'Ja, gerne.', 'personalien/name.prompt');
    await answer(c, 'Anna Schmidt', 'personalien/geburtsdatum.prompt');
    await answer(c, 'dritter März neunzehnhundertachtzig', 'personalien/readback');
    await answer(c, 'ja', 'personalien/rueckrufnummer.prompt');
    const before = c.received.length;
    env.google.say('null eins sieben eins', 'eins zwei drei vier fünf sechs sieben');
    await c.speak(700, nextSeed()); // "null eins sieben eins" …
    await c.pause(1500); // … a pause (the recognizer settles the first part) …
    await waitFor(() => env.google.streams.some((s) => s.finals.includes('null eins sieben eins')), 'part 1');
    expect(sent(c, before)).toEqual([]); // nothing acted on: the number is not complete
    await c.speak(900, nextSeed()); // … "eins zwei drei vier fünf sechs sieben"
    await c.pause(400);
    await waitFor(() => sent(c, before).length > 0, 'the readback');
    expect(sent(c, before)).toEqual(['personalien/readback']);
    await untilHeard(c, 'personalien/readback', c.echoedMarks.length - 1);
    const records = env.logLines.filter((l) => l.includes('"twilio.record"')).length;
    await answer(c, 'ja', 'anliegen/anliegen.prompt');
    await c.hangup();
    await waitFor(
      () => env.logLines.filter((l) => l.includes('"twilio.record"')).length > records,
      'the call note',
    );
    const txId = (
      JSON.parse(env.logLines.filter((l) => l.includes('"twilio.record"'))[records]) as { txId: string }
    ).txId;
    const note = await env.records.inbox.read(env.tenantId, txId);
    expect(note?.record.fields.rueckrufnummer?.value).toBe('+491711234567');
  }, 40_000);
});

describe('a recognizer that stalls', () => {
  it('is restarted with the caller\'s audio: the "Ja" is not lost, nobody is asked whether they are still there', async () => {
    const streams = env.google.streams.length;
    env.google.injectFault({ kind: 'stall' });
    const c = await call();
    await answer(c, 'Ja, gerne.', 'personalien/name.prompt');
    const mine = env.google.streams.slice(streams);
    expect(mine[0]).toMatchObject({ fault: 'stall', finals: [] });
    expect(mine[1].finals).toEqual(['Ja, gerne.']);
    expect(heard(c)).not.toContain('begruessung/stillThere');
    expect(logged('twilio.retry')).toBe(true);
    await c.hangup();
  }, 30_000);

  it('stalls again after the restart: the apology, then a person (never a reprompt)', async () => {
    env.google.injectFault({ kind: 'stall' });
    env.google.injectFault({ kind: 'stall' });
    const c = await call();
    const before = c.received.length;
    await c.speak(600, nextSeed()); // nobody will ever hear it (so no words are scripted)
    await c.pause(400);
    const update = await env.rest.waitForUpdate(
      (u) => u.callSid === c.callSid && /<Dial/.test(u.params.Twiml ?? ''),
      15_000,
    );
    expect(String(update.params.Twiml)).toContain('/twilio/dial-action');
    expect(sent(c, before)).toEqual(['begruessung/hearingFault']);
    expect(logged('twilio.fault', 'stt_fault_stt_stalled')).toBe(true);
    await c.hangup();
  }, 30_000);
});

describe('a provider that hangs', () => {
  it('the voice, on a readback: the filler from the cache first, then the apology and a person', async () => {
    const c = await call();
    await answer(c, 'Ja, gerne.', 'personalien/name.prompt');
    await answer(c, 'Anna Schmidt', 'personalien/geburtsdatum.prompt');
    const before = c.received.length;
    env.eleven.failNext({ kind: 'stall' });
    env.google.say('dritter März neunzehnhundertachtzig');
    await c.speak(900, nextSeed());
    await c.pause(400);
    await env.rest.waitForUpdate(
      (u) => u.callSid === c.callSid && /<Dial/.test(u.params.Twiml ?? ''),
      15_000,
    );
    expect(sent(c, before)).toEqual(['filler', 'personalien/technicalFault']);
    expect(logged('twilio.filler', 'tts')).toBe(true);
    await c.hangup();
  }, 30_000);

  it('the model, on an answer the parsers do not understand: the filler, then asked again as without a model', async () => {
    const c = await call(PRAXIS_WITH_MODEL);
    await answer(c, 'Ja, gerne.', 'personalien/name.prompt');
    await answer(c, 'Anna Schmidt', 'personalien/geburtsdatum.prompt');
    const before = c.received.length;
    const asked = env.openai.requests.length;
    env.openai.enqueue({ kind: 'stall' });
    await answer(c, 'Am Tag, als die Mauer fiel', 'personalien/geburtsdatum.reprompt');
    expect(env.openai.requests.length).toBe(asked + 1);
    expect(sent(c, before)).toEqual(['filler', 'personalien/geburtsdatum.reprompt']);
    expect(logged('twilio.filler', 'llm')).toBe(true);
    await c.hangup();
  }, 30_000);
});
