// Engine-added latency per caller turn, the number issue 6 sets a goal for:
//   (first answer frame at the caller − the caller's last voiced frame sent) − the providers'
//   own delays in that turn (STT: last voiced audio received → final written; LLM: request →
//   response; TTS: request → first audio byte), measured at the vendor fakes.
// The configured end-of-turn window is a turn-taking policy, not processing, so it is reported
// apart: `engineMs` excludes it, `engineInclEndOfTurnMs` includes it.
// Every time here is epoch milliseconds with sub-millisecond resolution
// (performance.timeOrigin + performance.now()), so fakes, callers and the engine may run in
// different processes on the same machine.
import type { ElevenLabsFake } from '../fakes/elevenlabs-server';
import type { GoogleSpeechFake } from '../fakes/google-speech-server';
import type { FakeOpenAIServer } from '../fakes/openai-server';
import type { TwilioCaller } from './twilio-caller';

export type Provider = 'stt' | 'llm' | 'tts';

/** One provider's own delay, epoch ms. */
export interface ProviderSpan {
  readonly provider: Provider;
  readonly start: number;
  readonly end: number;
  /**
   * What the work was about, where the fake can tell (STT: the final's words). Spans carry no
   * call; with calls overlapping, this keeps a turn from taking its neighbour's span.
   */
  readonly key?: string;
}

/** A caller turn as the caller saw it, epoch ms. */
export interface TurnMark {
  /** When the caller's last voiced frame of the turn went out. */
  readonly lastVoicedSentAt: number;
  /** When the first frame of the answer arrived at the caller. */
  readonly firstAnswerAt: number;
  /**
   * Which providers this turn went through. Give it whenever calls overlap (load): then exactly
   * one span per named provider is attributed (the causally closest unused one). Without it,
   * every span inside the turn's window counts — right only for calls that do not overlap.
   */
  readonly providers?: readonly Provider[];
  /** What the caller said in this turn, in the spans' `key` terms: only an STT span with this key is its own. */
  readonly key?: string;
}

export interface TurnLatency {
  /** Caller-observed: last voiced frame sent → first answer frame received. */
  readonly totalMs: number;
  /** Each provider's own delay attributed to this turn (0 when it was not involved). */
  readonly providerMs: Readonly<Record<Provider, number>>;
  /** Union of the attributed spans inside the turn's window (no double counting). */
  readonly providersMs: number;
  /** total − providers: what the engine added, including the configured end-of-turn window. */
  readonly engineInclEndOfTurnMs: number;
  /** …and without it: pure engine processing and transport. */
  readonly engineMs: number;
  readonly endOfTurnMs: number;
  /**
   * Of `engineMs`, the part before the recognizer had the caller's last voiced audio (the line to
   * the server, the server's batching, the way to the recognizer); the rest came after its final.
   * Absent when the turn got no STT span.
   */
  readonly toRecognizerMs?: number;
}

export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

/** Now as epoch milliseconds, sub-millisecond resolution, comparable across local processes. */
export const epochNow = (): number => performance.timeOrigin + performance.now();

/** A `performance.now()` value recorded in THIS process (e.g. TwilioCaller's `at`) → epoch ms. */
export const toEpoch = (at: number): number => performance.timeOrigin + at;

/** The spans the fakes recorded (their optional latency instrumentation), sorted by start. */
export function providerSpans(fakes: {
  readonly speech?: Pick<GoogleSpeechFake, 'streams'>;
  readonly llm?: Pick<FakeOpenAIServer, 'requests'>;
  readonly tts?: Pick<ElevenLabsFake, 'requests'>;
}): ProviderSpan[] {
  const spans: ProviderSpan[] = [];
  for (const stream of fakes.speech?.streams ?? [])
    for (const t of stream.finalTimings ?? [])
      if (t.sentEpoch !== undefined && t.lastVoicedEpoch > 0)
        spans.push({
          provider: 'stt',
          start: t.lastVoicedEpoch,
          end: t.sentEpoch,
          ...(t.text ? { key: t.text } : {}),
        });
  for (const r of fakes.llm?.requests ?? [])
    if (r.receivedEpoch !== undefined && r.respondedEpoch !== undefined)
      spans.push({ provider: 'llm', start: r.receivedEpoch, end: r.respondedEpoch });
  for (const r of fakes.tts?.requests ?? [])
    if (r.receivedEpoch !== undefined && r.firstByteEpoch !== undefined)
      spans.push({ provider: 'tts', start: r.receivedEpoch, end: r.firstByteEpoch });
  return spans.sort((a, b) => a.start - b.start);
}

/**
 * Attributes provider spans to turns and computes each turn's latency (results in the order of
 * `turns`). Each span is used at most once. With `providers` given, the chain STT → end-of-turn
 * → LLM → TTS is followed:
 * - STT spans are matched first, over all turns at once: a turn may take a span that starts
 *   after its last voiced frame, ends by its answer and (where both carry keys) holds its phrase.
 *   First come, first served is not enough: two calls saying the same phrase at once can make an
 *   earlier turn take the later one's span and leave that turn with none, and its whole
 *   recognizer wait would count as engine time. So a turn left without one takes a span from
 *   another turn that can move to a different one (a maximum matching: every turn gets a span
 *   whenever the spans allow it); otherwise each turn keeps the one starting first.
 * - Then, in time order, LLM and TTS: the unused span starting closest after the previous link.
 */
export function attributeTurns(
  turns: readonly TurnMark[],
  spans: readonly ProviderSpan[],
  options: { readonly endOfTurnMs: number },
): TurnLatency[] {
  const used = new Set<ProviderSpan>();
  const order = turns.map((t, i) => ({ t, i })).sort((a, b) => a.t.lastVoicedSentAt - b.t.lastVoicedSentAt);
  const recognized = matchRecognizerSpans(
    order.map(({ t }) => t),
    spans,
  );
  for (const s of recognized) if (s) used.add(s);
  const out: TurnLatency[] = new Array(turns.length);
  order.forEach(({ t, i }, k) => {
    const mine = t.providers
      ? chainSpans(t, recognized[k], spans, used, options.endOfTurnMs)
      : spans.filter((s) => !used.has(s) && s.start >= t.lastVoicedSentAt && s.end <= t.firstAnswerAt);
    for (const s of mine) used.add(s);
    out[i] = latencyOf(t, mine, options.endOfTurnMs);
  });
  return out;
}

/** Tolerance for clocks of different processes (timeOrigin is sub-ms but not exact). */
const SLACK_MS = 1;

/** The span lies inside the turn: after its last voiced frame (or `after`), done by its answer. */
const fitsTurn = (s: ProviderSpan, turn: TurnMark, after = turn.lastVoicedSentAt) =>
  s.start >= after - SLACK_MS && s.end <= turn.firstAnswerAt + SLACK_MS;

/**
 * The STT span of each turn (`turns` in time order; undefined where it went without one or
 * names no providers): the earliest-starting candidate, then augmenting paths (Kuhn's
 * algorithm) for turns left without one.
 */
function matchRecognizerSpans(
  turns: readonly TurnMark[],
  spans: readonly ProviderSpan[],
): (ProviderSpan | undefined)[] {
  const stt = spans.filter((s) => s.provider === 'stt');
  const candidates = turns.map((t) =>
    t.providers?.includes('stt')
      ? stt
          .filter((s) => (t.key === undefined || s.key === undefined || s.key === t.key) && fitsTurn(s, t))
          .sort((a, b) => a.start - b.start)
      : [],
  );
  const owner = new Map<ProviderSpan, number>();
  const mine: (ProviderSpan | undefined)[] = new Array(turns.length);
  const take = (turn: number, span: ProviderSpan) => {
    owner.set(span, turn);
    mine[turn] = span;
  };
  candidates.forEach((list, turn) => {
    const free = list.find((s) => !owner.has(s));
    if (free) take(turn, free);
  });
  /** Finds `turn` a span, moving the turns that hold its candidates on to others where they can. */
  const assign = (turn: number, visited: Set<ProviderSpan>): boolean => {
    for (const s of candidates[turn]) {
      if (visited.has(s)) continue;
      visited.add(s);
      const holder = owner.get(s);
      if (holder === undefined || assign(holder, visited)) {
        take(turn, s);
        return true;
      }
    }
    return false;
  };
  candidates.forEach((list, turn) => {
    if (!mine[turn] && list.length > 0) assign(turn, new Set());
  });
  return mine;
}

function chainSpans(
  turn: TurnMark,
  recognized: ProviderSpan | undefined,
  spans: readonly ProviderSpan[],
  used: ReadonlySet<ProviderSpan>,
  endOfTurnMs: number,
): ProviderSpan[] {
  const chain: ProviderSpan[] = recognized ? [recognized] : [];
  let after = recognized ? recognized.end + endOfTurnMs : turn.lastVoicedSentAt;
  for (const provider of ['llm', 'tts'] as const) {
    if (!turn.providers?.includes(provider)) continue;
    let best: ProviderSpan | undefined;
    for (const s of spans)
      if (
        s.provider === provider &&
        !used.has(s) &&
        fitsTurn(s, turn, after) &&
        (!best || s.start < best.start)
      )
        best = s;
    if (!best) continue;
    chain.push(best);
    after = best.end;
  }
  return chain;
}

function latencyOf(turn: TurnMark, spans: readonly ProviderSpan[], endOfTurnMs: number): TurnLatency {
  const totalMs = turn.firstAnswerAt - turn.lastVoicedSentAt;
  const providerMs: Record<Provider, number> = { stt: 0, llm: 0, tts: 0 };
  for (const s of spans) providerMs[s.provider] += s.end - s.start;
  const providersMs = unionLength(spans, turn.lastVoicedSentAt, turn.firstAnswerAt);
  const engineInclEndOfTurnMs = totalMs - providersMs;
  const stt = spans.find((s) => s.provider === 'stt');
  return {
    totalMs,
    providerMs,
    providersMs,
    engineInclEndOfTurnMs,
    engineMs: engineInclEndOfTurnMs - endOfTurnMs,
    endOfTurnMs,
    ...(stt ? { toRecognizerMs: Math.max(0, stt.start - turn.lastVoicedSentAt) } : {}),
  };
}

/** Length of the union of the spans, clipped to [from, to]. */
function unionLength(spans: readonly ProviderSpan[], from: number, to: number): number {
  const clipped = spans
    .map((s) => [Math.max(from, s.start), Math.min(to, s.end)] as const)
    .filter(([a, b]) => b > a)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = -Infinity;
  for (const [a, b] of clipped) {
    if (b <= end) continue;
    total += b - Math.max(a, end);
    end = b;
  }
  return total;
}

/** p50/p90/p99 (nearest rank), max and mean. */
export function summarize(values: readonly number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
  const mean = sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : NaN;
  return {
    count: sorted.length,
    p50: rank(0.5),
    p90: rank(0.9),
    p99: rank(0.99),
    max: sorted[sorted.length - 1] ?? NaN,
    mean,
  };
}

/**
 * One measured caller turn with a TwilioCaller in this process: speaks `speechMs` of synthetic
 * speech, then keeps the line open with silence (as Twilio does) until the first answer frame
 * arrives. Resolves with the turn's epoch times.
 */
export async function measureTurn(
  caller: TwilioCaller,
  turn: {
    readonly speechMs: number;
    readonly seed?: number;
    readonly providers?: readonly Provider[];
    readonly timeoutMs?: number;
  },
): Promise<TurnMark> {
  await caller.speak(turn.speechMs, turn.seed);
  const lastVoiced = caller.lastSpeechSentAt;
  let answered = false;
  const answer = caller.waitFor((r) => r.event === 'media' && r.at > lastVoiced, turn.timeoutMs ?? 10_000);
  const silence = caller.pause(turn.timeoutMs ?? 10_000, () => answered);
  try {
    const frame = await answer;
    return {
      lastVoicedSentAt: toEpoch(lastVoiced),
      firstAnswerAt: toEpoch(frame.at),
      ...(turn.providers ? { providers: turn.providers } : {}),
    };
  } finally {
    answered = true;
    await silence;
  }
}
