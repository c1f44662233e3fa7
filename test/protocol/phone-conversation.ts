// The caller's side of a whole phone call against the phone test server: place the call, say
// something (the fake recognizer hears the words, the socket carries speech-like audio) and wait
// until the next prompt was heard to the end; then find the call note the server delivered.
// Shared by the call tests (phone-calls.test.ts) and the sub-processor proofs (test/privacy).
import { expect } from 'vitest';
import type { InboxItem } from '../../engine/src/records/inbox';
import type { TwilioCaller } from '../harness/twilio-caller';
import { waitFor, type PhoneServer } from './phone-server';

export interface Conversation {
  /** Prompts the caller has heard to the end (marks echoed), as `node/prompt`. */
  heard(c: TwilioCaller): string[];
  /** Every prompt sent so far was heard (nothing still playing). */
  allHeard(c: TwilioCaller): boolean;
  /** Waits until the caller has heard `prompt` (a new one, after `since` echoed marks) and nothing is still playing. */
  untilHeard(c: TwilioCaller, prompt: string, since?: number, timeoutMs?: number): Promise<void>;
  /** One caller turn: the fake recognizer will hear `words` for the next speech segment. */
  say(c: TwilioCaller, words: string, next: string): Promise<void>;
  /** A fresh speech-like audio seed (each turn sounds different). */
  nextSeed(): number;
  /** Places a signed call to `to` and opens its media stream. */
  call(to: string, from?: string): Promise<TwilioCaller>;
  /** The server's PII-free `twilio.record` log lines so far. */
  recordLines(): string[];
  /** The txId of the next record the server delivers after `before` record lines. */
  nextRecord(before: number): Promise<string>;
  /** The stored (or memory-only) note of a delivered call. */
  noteOf(txId: string): Promise<InboxItem>;
}

/**
 * `server()` is read at each use: the server is started in the test file's beforeAll.
 * `patienceMs`: how long a wait for the next prompt or record may take before it fails with a
 * message (default 8 s; a test with long calls on a busy machine gives more).
 */
export function conversation(server: () => PhoneServer, { patienceMs = 8000 } = {}): Conversation {
  let seed = 1;
  const heard = (c: TwilioCaller) => c.echoedMarks.map((m) => m.name.replace(/#\d+$/, ''));
  const allHeard = (c: TwilioCaller) => {
    const sent = c.received.filter((r) => r.event === 'mark').length;
    return sent > 0 && sent === c.echoedMarks.length;
  };
  const untilHeard = (c: TwilioCaller, prompt: string, since = 0, timeoutMs = patienceMs) =>
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
    async say(c, words, next) {
      const since = c.echoedMarks.length;
      server().google.say(words);
      await c.speak(600, seed++);
      await c.pause(400);
      await untilHeard(c, next, since);
    },
    nextSeed: () => seed++,
    async call(to, from = '+4917612345678') {
      const c = server().caller({ to });
      const answer = await c.placeCall({ From: from });
      expect(answer.status).toBe(200);
      await c.connect(answer);
      return c;
    },
    recordLines,
    async nextRecord(before) {
      await waitFor(() => recordLines().length > before, 'record delivered', patienceMs);
      return (JSON.parse(recordLines()[before]) as { txId: string }).txId;
    },
    async noteOf(txId) {
      const item = await server().records.inbox.read(server().tenantId, txId);
      if (!item) throw new Error(`no inbox note for ${txId}`);
      return item;
    },
  };
}
