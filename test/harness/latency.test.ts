// The arithmetic behind the engine-latency benchmark: which provider delays are subtracted from
// a caller's turn, and that concurrent calls never lend each other their provider time.
import { describe, expect, it } from 'vitest';
import { attributeTurns, epochNow, providerSpans, summarize, toEpoch, type ProviderSpan } from './latency';

const span = (provider: ProviderSpan['provider'], start: number, end: number): ProviderSpan => ({
  provider,
  start,
  end,
});

describe('engine-added latency of a turn', () => {
  it('is the caller-observed time minus STT, LLM and TTS, with the end-of-turn window shown apart', () => {
    // Caller stops at 1000; Google finals 300 ms later; 250 ms end-of-turn; LLM 400; TTS first byte 150.
    const spans = [span('stt', 1002, 1302), span('llm', 1555, 1955), span('tts', 1958, 2108)];
    const [t] = attributeTurns([{ lastVoicedSentAt: 1000, firstAnswerAt: 2112 }], spans, {
      endOfTurnMs: 250,
    });
    expect(t.totalMs).toBe(1112);
    expect(t.providerMs).toEqual({ stt: 300, llm: 400, tts: 150 });
    expect(t.engineInclEndOfTurnMs).toBe(262);
    expect(t.engineMs).toBe(12);
    // 2 of the 12 ms passed before the recognizer had the audio; 10 after its final.
    expect(t.toRecognizerMs).toBe(2);
  });

  it('ignores what happened outside the turn and counts overlapping provider time once', () => {
    const spans = [
      span('tts', 900, 990),
      span('stt', 1000, 1300),
      span('tts', 1250, 1400),
      span('tts', 1400, 1500),
    ];
    const [t] = attributeTurns([{ lastVoicedSentAt: 1000, firstAnswerAt: 1450 }], spans, { endOfTurnMs: 0 });
    // [1000,1300] ∪ [1250,1400] = 400 ms; the earlier TTS and the one ending after the answer do not count.
    expect(t.providersMs).toBe(400);
    expect(t.engineMs).toBe(50);
  });

  it("with concurrent calls, each turn takes one span per provider it went through, never another call's twice", () => {
    const a = { lastVoicedSentAt: 1000, firstAnswerAt: 1710, providers: ['stt', 'tts'] as const };
    const b = { lastVoicedSentAt: 1005, firstAnswerAt: 1716, providers: ['stt', 'tts'] as const };
    const c = { lastVoicedSentAt: 1010, firstAnswerAt: 1575, providers: ['stt'] as const }; // cached answer: no TTS, though one runs meanwhile
    const spans = [
      span('stt', 1001, 1301),
      span('stt', 1006, 1306),
      span('stt', 1011, 1311),
      span('tts', 1552, 1702),
      span('tts', 1557, 1707),
    ];
    const [la, lb, lc] = attributeTurns([a, b, c], spans, { endOfTurnMs: 250 });
    expect([la.providerMs, lb.providerMs, lc.providerMs]).toEqual([
      { stt: 300, llm: 0, tts: 150 },
      { stt: 300, llm: 0, tts: 150 },
      { stt: 300, llm: 0, tts: 0 },
    ]);
    expect([la.engineMs, lb.engineMs, lc.engineMs]).toEqual([10, 11, 15]);
  });
});

describe('engine-added latency with overlapping calls and keyed recognizer spans', () => {
  // B stops talking after A and is answered first. By start time alone A takes B's span (it starts
  // first and fits A's window), and B — whose window A's own span does not fit — is left with none.
  const a = { lastVoicedSentAt: 1000, firstAnswerAt: 1660, providers: ['stt'] as const };
  const b = { lastVoicedSentAt: 1020, firstAnswerAt: 1640, providers: ['stt'] as const };
  /** A and B, having said the phrases `keyA` and `keyB`. */
  const saying = (keyA: string, keyB: string, spans: ProviderSpan[]) =>
    attributeTurns(
      [
        { ...a, key: keyA },
        { ...b, key: keyB },
      ],
      spans,
      { endOfTurnMs: 0 },
    );

  it('two calls saying the same phrase at once each get their own span, not first come first served', () => {
    const spans = [
      { ...span('stt', 1060, 1658), key: '1' },
      { ...span('stt', 1030, 1638), key: '1' },
    ];
    const [la, lb] = saying('1', '1', spans);
    // First come, first served gave A 608 ms and B none: B's 620 ms would all have been engine time.
    expect([la.providerMs.stt, lb.providerMs.stt]).toEqual([598, 608]);
    expect([la.engineMs, lb.engineMs]).toEqual([62, 12]);
  });

  it('with the phrase as key, a turn never takes a span of other words, even if it then has none', () => {
    const spans = [
      { ...span('stt', 1060, 1658), key: '1' },
      { ...span('stt', 1030, 1638), key: '2' },
      span('tts', 1100, 1200),
    ];
    const [la, lb] = saying('1', '2', spans);
    expect([la.providerMs.stt, lb.providerMs.stt]).toEqual([598, 608]);
    expect([la.engineMs, lb.engineMs]).toEqual([62, 12]);
    const [lone] = attributeTurns([{ ...b, key: '3' }], spans, { endOfTurnMs: 0 });
    expect(lone.providersMs).toBe(0);
    expect(lone.toRecognizerMs).toBeUndefined();
  });

  it('when two turns can only have the same span, the earlier keeps it and the other is reported without one', () => {
    const spans = [{ ...span('stt', 1030, 1630), key: '1' }];
    const [la, lb] = saying('1', '1', spans);
    expect([la.providerMs.stt, lb.providerMs.stt]).toEqual([600, 0]);
    expect(lb.engineMs).toBe(620);
  });
});

describe('latency helpers', () => {
  it('summarize gives nearest-rank percentiles', () => {
    const s = summarize(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(s).toMatchObject({ count: 100, p50: 50, p90: 90, p99: 99, max: 100, mean: 50.5 });
    expect(summarize([7])).toMatchObject({ p50: 7, p99: 7 });
  });

  it('epoch times agree with Date.now and with converted performance.now() stamps', () => {
    expect(Math.abs(epochNow() - Date.now())).toBeLessThan(50);
    const at = performance.now();
    expect(Math.abs(toEpoch(at) - epochNow())).toBeLessThan(50);
  });

  it("providerSpans reads the fakes' instrumentation, keys recognizer spans by their words, and skips unfinished work", () => {
    const spans = providerSpans({
      speech: {
        streams: [
          {
            finalTimings: [
              { lastVoicedEpoch: 10, sentEpoch: 310 },
              { lastVoicedEpoch: 320, sentEpoch: 620, text: 'Montag' },
              { lastVoicedEpoch: 400 },
            ],
          },
        ] as never,
      },
      llm: { requests: [{ receivedEpoch: 500, respondedEpoch: 900 }, { receivedEpoch: 950 }] as never },
      tts: { requests: [{ receivedEpoch: 905, firstByteEpoch: 1055 }, { receivedAt: 1 }] as never },
    });
    expect(spans).toEqual([
      span('stt', 10, 310),
      { ...span('stt', 320, 620), key: 'Montag' },
      span('llm', 500, 900),
      span('tts', 905, 1055),
    ]);
  });
});
