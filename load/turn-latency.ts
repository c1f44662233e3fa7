// Engine-added latency for a whole run, with test/harness/latency.ts doing the arithmetic:
// calls overlap under load, so each turn names the providers it goes through — learnt from a
// calibration call that ran alone (flows and fakes are deterministic, so turn j of a script
// always takes the same chain once the prompt cache is warm). Attribution runs in time windows
// so thousands of turns against tens of thousands of spans stay linear.
import { attributeTurns, type Provider, type ProviderSpan, type TurnMark } from '../test/harness/latency';

export type { Provider, ProviderSpan, TurnMark } from '../test/harness/latency';

export interface EngineTurn {
  readonly flowId: string;
  /** Index of the turn in its script. */
  readonly turn: number;
  readonly mark: TurnMark;
}

export interface AttributedTurn {
  readonly flowId: string;
  readonly turn: number;
  readonly totalMs: number;
  readonly engineMs: number;
  readonly providersMs: number;
  /** Of engineMs, the part before the recognizer had the audio (test/harness/latency.ts). */
  readonly toRecognizerMs?: number;
  /** End of the turn (epoch ms): for drift over time. */
  readonly at: number;
}

/** Providers each turn of a lone call went through (a provider counts when its span fell in the turn). */
export function providerChains(
  marks: readonly TurnMark[],
  spans: readonly ProviderSpan[],
  endOfTurnMs: number,
): Provider[][] {
  return attributeTurns(marks, spans, { endOfTurnMs }).map((t) =>
    (Object.keys(t.providerMs) as Provider[]).filter((p) => t.providerMs[p] > 0),
  );
}

const WINDOW_MS = 10_000;
const MARGIN_MS = 30_000;

export function attributeRun(
  turns: readonly EngineTurn[],
  spans: readonly ProviderSpan[],
  endOfTurnMs: number,
): AttributedTurn[] {
  const sorted = [...turns].sort((a, b) => a.mark.lastVoicedSentAt - b.mark.lastVoicedSentAt);
  const bySpanStart = [...spans].sort((a, b) => a.start - b.start);
  const out: AttributedTurn[] = [];
  let lo = 0;
  for (let i = 0; i < sorted.length;) {
    const windowStart = sorted[i].mark.lastVoicedSentAt;
    let j = i;
    let windowEnd = windowStart;
    while (j < sorted.length && sorted[j].mark.lastVoicedSentAt < windowStart + WINDOW_MS)
      windowEnd = Math.max(windowEnd, sorted[j++].mark.firstAnswerAt);
    while (lo < bySpanStart.length && bySpanStart[lo].start < windowStart - 1) lo++;
    let hi = lo;
    while (hi < bySpanStart.length && bySpanStart[hi].start <= windowEnd + MARGIN_MS) hi++;
    const batch = sorted.slice(i, j);
    const results = attributeTurns(
      batch.map((t) => t.mark),
      bySpanStart.slice(lo, hi),
      { endOfTurnMs },
    );
    results.forEach((r, k) =>
      out.push({
        flowId: batch[k].flowId,
        turn: batch[k].turn,
        totalMs: r.totalMs,
        engineMs: r.engineMs,
        providersMs: r.providersMs,
        ...(r.toRecognizerMs !== undefined ? { toRecognizerMs: r.toRecognizerMs } : {}),
        at: batch[k].mark.firstAnswerAt,
      }),
    );
    i = j;
  }
  return out;
}
