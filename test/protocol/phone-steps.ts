// What a phone test does as the caller and observes as the business, against a started
// PhoneServer: place a call, say something and wait for the next prompt, read the note the call
// left, and play Twilio's part when staff pick up. Shared by the phone-path suites.
import { expect } from 'vitest';
import type { InboxItem } from '../../engine/src/records/inbox';
import type { TwilioCaller } from '../harness/twilio-caller';
import { waitFor, type PhoneServer } from './phone-server';

export interface PhoneSteps {
  /** Prompts the caller has heard to the end (marks echoed), as `node/prompt`. */
  heard(c: TwilioCaller): string[];
  /** Every prompt sent so far has been heard to the end. */
  allHeard(c: TwilioCaller): boolean;
  /** Waits until the caller has heard `prompt` (a new one, after `since` echoed marks) and nothing still plays. */
  untilHeard(c: TwilioCaller, prompt: string, since?: number, timeoutMs?: number): Promise<void>;
  /** One caller turn: the fake recognizer hears `words` for the next speech segment; then `next` is heard. */
  say(c: TwilioCaller, words: string, next: string): Promise<void>;
  /** A fresh speech-like audio seed (each turn sounds different). */
  nextSeed(): number;
  /** Places a call to `to` from `from` and connects its media stream. */
  call(to: string, from?: string): Promise<TwilioCaller>;
  /** The server's PII-free "record delivered" log lines. */
  recordLines(): string[];
  /** The txId of the next record the server delivers after `before` such lines. */
  nextRecord(before: number): Promise<string>;
  /** The inbox note of a call. */
  noteOf(txId: string): Promise<InboxItem>;
  /** The REST update that handed this call over, and the whisper the human hears (fetched like Twilio does). */
  handoffOf(c: TwilioCaller): Promise<{ twiml: string; whisper: string }>;
  /** Like Twilio once the <Dial> runs and staff answer: the stream closes, the dial callback reports it. */
  staffAnswers(c: TwilioCaller): Promise<void>;
}

/**
 * `server()` is read on each step, so suites can start their server in `beforeAll`.
 * `patienceMs`: how long a wait for the next prompt or record may take before it fails with a
 * message (default 30 s: an upper bound, not a pause — each wait ends as soon as the prompt is
 * heard; on a loaded laptop a prompt played in real time can take many times its length).
 */
export function phoneSteps(server: () => PhoneServer, { patienceMs = 30_000 } = {}): PhoneSteps {
  let seed = 1;
  const heard = (c: TwilioCaller) => c.echoedMarks.map((m) => m.name.replace(/#\d+$/, ''));
  const allHeard = (c: TwilioCaller) => {
    const sent = c.received.filter((r) => r.event === 'mark').length;
    return sent > 0 && sent === c.echoedMarks.length;
  };
  const untilHeard = async (c: TwilioCaller, prompt: string, since = 0, timeoutMs = patienceMs) =>
    waitFor(
      () => heard(c).slice(since).includes(prompt) && allHeard(c),
      `prompt ${prompt} (heard so far: ${heard(c).join(', ')})`,
      timeoutMs,
    );
  const recordLines = () => server().logLines.filter((l) => l.includes('"twilio.record"'));
  return {
    heard,
    allHeard,
    untilHeard,
    recordLines,
    nextSeed: () => seed++,
    async say(c, words, next) {
      const since = c.echoedMarks.length;
      server().google.say(words);
      await c.speak(600, seed++);
      await c.pause(400);
      await untilHeard(c, next, since);
    },
    async call(to, from = '+4917612345678') {
      const c = server().caller({ to });
      const answer = await c.placeCall({ From: from });
      expect(answer.status).toBe(200);
      await c.connect(answer);
      return c;
    },
    async nextRecord(before) {
      await waitFor(() => recordLines().length > before, 'record delivered', patienceMs);
      return (JSON.parse(recordLines()[before]) as { txId: string }).txId;
    },
    async noteOf(txId) {
      const env = server();
      const item = await env.records.inbox.read(env.tenantId, txId);
      if (!item) throw new Error(`no inbox note for ${txId}`);
      return item;
    },
    async handoffOf(c) {
      const env = server();
      const update = await env.rest.waitForUpdate((u) => u.callSid === c.callSid, patienceMs);
      const twiml = String(update.params.Twiml);
      const path = /url="https:\/\/voice\.example\.de(\/twilio\/whisper\/[0-9a-f-]+)"/.exec(twiml)?.[1];
      if (!path) throw new Error(`no whisper URL in ${twiml}`);
      const whisper = await env.caller({ to: '', voicePath: path }).placeCall();
      expect(whisper.status).toBe(200);
      return { twiml, whisper: whisper.body };
    },
    async staffAnswers(c) {
      const env = server();
      env.rest.setCallStatus(c.callSid, 'in-progress');
      await c.hangup();
      const action = await env
        .caller({ to: '', voicePath: '/twilio/dial-action' })
        .placeCall({ CallSid: c.callSid, DialCallStatus: 'completed', CallStatus: 'in-progress' });
      expect(action.status).toBe(200);
    },
  };
}
