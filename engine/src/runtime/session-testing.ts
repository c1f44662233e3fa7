// Test harness for CallSession (not part of the runtime): the in-process fakes, a manual clock
// and a sink that records what a caller would receive. Marks are echoed when the test says.
import type { CompiledFlow } from '../flow/compiled';
import { baseFlow, compiled, MONDAY_9 } from '../flow/interpreter/testing';
import type { CallRecord } from '../flow/record/schema';
import type { Answerer } from '../ports/answerer';
import type { Extractor } from '../ports/extractor';
import { manualClock } from '../providers/fake/clock';
import { FakeSpeechToText } from '../providers/fake/speech-to-text';
import { FakeTelephony } from '../providers/fake/telephony';
import { FakeTextToSpeech, type FakeSpeechSynthesisOptions } from '../providers/fake/text-to-speech';
import { silence, syntheticSpeech, toFrames } from '../audio/synthetic-speech';
import { CallSession } from './call-session';
import { MemoryPromptCache, type PromptCache } from './prompt-cache';
import type { TurnTaking } from './turn-taking';

/** The transport side, like Twilio: records what we send. */
export class TestSink {
  frames = 0;
  marks: string[] = [];
  clears = 0;
  closed = false;
  media() {
    this.frames++;
  }
  mark(name: string) {
    this.marks.push(name);
  }
  clear() {
    this.clears++;
  }
  close() {
    this.closed = true;
  }
}

/** Lets promise chains and zero-delay timers of the fakes run (no clock time passes). */
export const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
};

export interface SessionSetup {
  cache?: PromptCache;
  flow?: CompiledFlow;
  extractor?: Extractor;
  answerer?: Answerer;
  turnTaking?: Partial<TurnTaking>;
  tts?: FakeSpeechSynthesisOptions;
}

export function setup(options: SessionSetup = {}) {
  const { clock, advance } = manualClock();
  const stt = new FakeSpeechToText();
  const tts = new FakeTextToSpeech(options.tts);
  const telephony = new FakeTelephony();
  const sink = new TestSink();
  const delivered: CallRecord[] = [];
  const faults: string[] = [];
  const retries: string[] = [];
  const fillers: string[] = [];
  /** Fillers and faults with the clock time they happened at. */
  const timeline: { what: string; at: number }[] = [];
  const session = new CallSession({
    flow: options.flow ?? compiled(baseFlow()),
    context: { txId: 'tx-1', startedAt: MONDAY_9, channel: 'phone', callerNumber: '+4915112345678' },
    callSid: 'CA0123456789abcdef0123456789abcdef',
    stt,
    tts,
    telephony,
    ...(options.extractor ? { extractor: options.extractor } : {}),
    ...(options.answerer ? { answerer: options.answerer } : {}),
    sink,
    clock,
    now: () => MONDAY_9 + clock.now(),
    voice: { voiceId: 'v1', languageCode: 'de-DE' },
    cache: options.cache ?? new MemoryPromptCache(),
    resolveTarget: (id) =>
      id === 'empfang'
        ? { number: '+4930123456', whisperUrl: 'https://x/whisper/1', actionUrl: 'https://x/dial/1' }
        : undefined,
    deliver: (r) => delivered.push(r),
    onFault: (c) => {
      faults.push(c);
      timeline.push({ what: `fault:${c}`, at: clock.now() });
    },
    onRetry: (stage) => retries.push(stage),
    observer: {
      onFiller: (provider) => {
        fillers.push(provider);
        timeline.push({ what: 'filler', at: clock.now() });
      },
    },
    ...(options.turnTaking ? { turnTaking: options.turnTaking } : {}),
    leadMs: 600_000, // everything is sent at once; "playback" is whatever the test echoes
  });
  /** Echo every mark sent so far (the caller heard everything). */
  const hearAll = () => {
    for (const m of sink.marks.splice(0)) session.onMark(m);
  };
  /** Speech, then 400 ms of quiet (the recognizer's end of speech); no clock time passes. */
  const utter = async (ms: number, seed = 1) => {
    for (const f of toFrames(Buffer.concat([syntheticSpeech(ms, { seed }), silence(400)])))
      session.onAudio(f);
    await settle();
  };
  /** A turn followed by 300 ms of clock time. */
  const speak = async (ms: number, seed = 1) => {
    await utter(ms, seed);
    advance(300);
    await settle();
  };
  return {
    session,
    stt,
    tts,
    telephony,
    sink,
    delivered,
    faults,
    retries,
    fillers,
    timeline,
    clock,
    advance,
    hearAll,
    utter,
    speak,
  };
}
