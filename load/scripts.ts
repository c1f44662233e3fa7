// Call scripts for load runs, derived from the example flows' conversation tests
// (flows/<id>.test.json): one scenario per flow that consists of spoken turns only and does not
// depend on the wall clock (the server runs on real time, the tests on a fixed date).
//
// How a caller "says" a phrase: the fake Google server cannot know which call a stream belongs
// to, so each phrase of the run gets an index k in a phrase book, and the caller speaks for
// BASE_MS + k·STEP_MS. The fake measures the segment (VAD begin → end, which adds a constant
// hangover) and answers with phrase k (`phraseForSegment`). Concurrent calls never mix.
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface ScriptTurn {
  readonly say: string;
  /** How long the caller speaks to "say" it (encodes the phrase). */
  readonly speakMs: number;
  /** Synthetic-voice seed (different per turn, like a real voice changing). */
  readonly seed: number;
}

export interface CallScript {
  /** The flow's id (slug) as in the flow file. */
  readonly flowId: string;
  readonly flowFile: string;
  readonly scenario: string;
  readonly turns: readonly ScriptTurn[];
  /** Where the finished call's note goes: the inbox (stored flows) or a webhook. */
  readonly delivery: 'inbox' | 'webhook';
  readonly zeroPersistence: boolean;
  /** Caller words that must never appear in any log line (names, numbers, concerns). */
  readonly canaries: readonly string[];
}

/** Phrase k is spoken for BASE_MS + k·STEP_MS. */
export const BASE_MS = 400;
export const STEP_MS = 80;
/** Fake VAD: 2 voiced frames to begin (the 2nd frame's end), 15 quiet frames to end → +260 ms. */
const SEGMENT_OVERHEAD_MS = 15 * 20 - 2 * 20;

/** Scenarios whose path does not depend on the time of day, per example flow. */
const PREFERRED: Readonly<Record<string, string>> = {
  arztpraxis: 'Rezeptwunsch',
  kanzlei: 'Kündigung',
  'support-desk': 'Billing question',
};

interface TestFile {
  scenarios: { name: string; turns: { say?: string }[]; expect?: { outcome?: string } }[];
}

export class PhraseBook {
  private readonly phrases: string[] = [];

  /** Index of `text`, added on first use. */
  add(text: string): number {
    const i = this.phrases.indexOf(text);
    if (i >= 0) return i;
    this.phrases.push(text);
    return this.phrases.length - 1;
  }

  speakMsOf(text: string): number {
    return BASE_MS + this.add(text) * STEP_MS;
  }

  get list(): readonly string[] {
    return this.phrases;
  }
}

/** For the fakes process: segment length → phrase (the inverse of `speakMsOf`). */
export function phraseForSegment(phrases: readonly string[]): (segmentMs: number) => string | undefined {
  return (segmentMs) => phrases[Math.round((segmentMs - SEGMENT_OVERHEAD_MS - BASE_MS) / STEP_MS)];
}

/** `flow`: an example id (`arztpraxis`) or a path to a `*.flow.json` with its `*.test.json` beside it. */
export function loadScript(flow: string, book: PhraseBook, flowsDir: string): CallScript {
  const flowFile = flow.endsWith('.json') ? flow : join(flowsDir, `${flow}.flow.json`);
  const testFile = join(dirname(flowFile), basename(flowFile).replace(/\.flow\.json$/, '.test.json'));
  const doc = JSON.parse(readFileSync(flowFile, 'utf8')) as {
    id: string;
    settings: { zeroPersistence?: boolean; delivery?: { webhookUrl?: string } };
  };
  const tests = JSON.parse(readFileSync(testFile, 'utf8')) as TestFile;
  const spoken = tests.scenarios.filter(
    (s) => s.expect?.outcome === 'completed' && s.turns.every((t) => typeof t.say === 'string'),
  );
  const preferred = PREFERRED[doc.id];
  const scenario = spoken.find((s) => preferred !== undefined && s.name.startsWith(preferred)) ?? spoken[0];
  if (!scenario) throw new Error(`${testFile}: no completed scenario with spoken turns only`);
  const turns = scenario.turns.map((t, i) => ({
    say: t.say as string,
    speakMs: book.speakMsOf(t.say as string),
    seed: i + 1,
  }));
  return {
    flowId: doc.id,
    flowFile,
    scenario: scenario.name,
    turns,
    delivery: doc.settings.delivery?.webhookUrl ? 'webhook' : 'inbox',
    zeroPersistence: doc.settings.zeroPersistence === true,
    // Short answers ("ja") occur in ordinary words; whole phrases of 12+ characters and long
    // words (names, drugs, numbers in words) are unique enough to scan for.
    canaries: [
      ...new Set(
        turns
          .flatMap((t) => [t.say, ...t.say.split(/[\s,.!?]+/)])
          .filter((s) => s.length >= 12 || /^\p{Lu}\p{L}{5,}$/u.test(s)),
      ),
    ],
  };
}
