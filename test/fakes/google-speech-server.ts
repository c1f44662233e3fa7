// A fake Google Cloud Speech v1 server speaking real gRPC with the package's own protos.
// It finds speech segments in the μ-law audio by energy and answers each with interim
// results, voice-activity events and one final result whose words the test scripts with
// say(). It mimics Google's per-stream duration limit (OUT_OF_RANGE) and injects faults. Like
// gRPC servers it caps concurrent streams per connection (100 by default), and it keeps Node's
// HTTP/2 flow-control windows (64 KB, never grown): stricter than servers that grow their
// windows with the measured bandwidth, so a client that copes here copes there.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as protoLoader from '@grpc/proto-loader';
import { grpc } from 'google-gax';
import { type SegmentEvent, SegmentRecognizer } from '../../engine/src/providers/fake/segment-recognizer';
import { frameRms, type EnergyVadOptions } from '../../engine/src/audio/energy';
import { faultDie, type FaultRates } from './fault-dice';

const require = createRequire(import.meta.url);
const PROTO_DIRS = [
  join(dirname(require.resolve('@google-cloud/speech/package.json')), 'build/protos'),
  // google-gax exports no package.json; its entry is build/src/index.js, protos sit beside src.
  join(dirname(require.resolve('google-gax')), '../protos'),
];

export type SpeechFault =
  /** The stream fails with this gRPC status once it has received `afterAudioMs` of audio. */
  | { readonly kind: 'error'; readonly code: number; readonly afterAudioMs?: number }
  /** The stream swallows everything and never answers (a hung vendor). */
  | { readonly kind: 'stall' }
  /** The server ends the stream early (status OK, results in flight lost) after `afterAudioMs`. */
  | { readonly kind: 'drop'; readonly afterAudioMs?: number };

/** Random faults per stream (load runs): rates 0–1 per opened stream, reproducible by seed. */
export interface GoogleSpeechFaultOptions extends FaultRates<'error' | 'stall' | 'drop'> {
  readonly seed?: number;
  /** gRPC status of `error` faults. Default 14 (UNAVAILABLE, which the client retries once). */
  readonly errorCode?: number;
  /** Audio a stream receives before an `error` or `drop` strikes. Default 200 ms. */
  readonly afterAudioMs?: number;
}

export interface GoogleSpeechFakeOptions {
  /** Delay before each response is sent (recognizer latency). */
  readonly latencyMs?: number;
  /** An interim result after every this many ms of a segment. */
  readonly interimEveryMs?: number;
  /** Audio per stream before OUT_OF_RANGE, like Google's ~305 s limit (shorten in tests). */
  readonly streamLimitMs?: number;
  readonly vad?: EnergyVadOptions;
  /**
   * Load runs: each stream hears what this returns for a segment of that length (ms, from the
   * VAD's begin to its end) instead of the shared `say()` queue, so concurrent callers stay
   * apart: a caller "says" phrase k by speaking for a length that encodes k (load/scripts.ts).
   */
  readonly phraseForSegment?: (segmentMs: number) => string | undefined;
  /** Random faults (off by default); `injectFault` still takes precedence for the next stream. */
  readonly faults?: GoogleSpeechFaultOptions;
  /**
   * Concurrent streams per connection (HTTP/2 SETTINGS_MAX_CONCURRENT_STREAMS). Default 100, the
   * cap gRPC servers commonly announce; a client queues the streams beyond it without an error.
   */
  readonly maxConcurrentStreams?: number;
}

export interface StreamRecord {
  /** The StreamingRecognitionConfig the client sent first (camelCase, enums as strings). */
  readonly config: Record<string, any> | null;
  audioMs: number;
  /** Final transcripts this stream produced. */
  readonly finals: string[];
  outcome: 'open' | 'ended' | 'failed';
  /** Remote address as seen by the server. */
  readonly peer: string;
  /**
   * Latency instrumentation (epoch ms, performance.timeOrigin + now): per final result, when the
   * last voiced audio before it arrived and when the final was written — the recognizer's own delay —
   * and the final's words (so a harness can tell which caller's turn the delay belongs to).
   */
  finalTimings?: { lastVoicedEpoch: number; sentEpoch?: number; text?: string }[];
  /** The fault this stream was given, if any. */
  fault?: SpeechFault['kind'];
}

export interface GoogleSpeechFake {
  /** "127.0.0.1:PORT" for GoogleSpeechToText({ endpoint, insecure: true }). */
  readonly endpoint: string;
  readonly port: number;
  /** Words for the next detected speech segments, one phrase per segment, in order. */
  say(...phrases: string[]): void;
  /** The next opened stream gets this fault. */
  injectFault(fault: SpeechFault): void;
  /**
   * Forgets words and faults no stream has taken yet. Between tests: a test that stopped early
   * (failed, or a call that went another way) must not hand its leftovers to the next one.
   */
  forgetScripted(): void;
  readonly streams: readonly StreamRecord[];
  /** How many streams got each random fault (`options.faults`). */
  readonly injectedFaults: Readonly<Record<string, number>>;
  close(): Promise<void>;
}

type Call = grpc.ServerDuplexStream<any, any>;

export async function startGoogleSpeechFake(
  options: GoogleSpeechFakeOptions = {},
): Promise<GoogleSpeechFake> {
  const definition = protoLoader.loadSync('google/cloud/speech/v1/cloud_speech.proto', {
    includeDirs: PROTO_DIRS,
    keepCase: false,
    longs: String,
    enums: String,
    defaults: false,
    oneofs: true,
  });
  const proto = grpc.loadPackageDefinition(definition) as any;
  const phrases: string[] = [];
  const faults: SpeechFault[] = [];
  const streams: StreamRecord[] = [];
  const server = new grpc.Server({ 'grpc.max_concurrent_streams': options.maxConcurrentStreams ?? 100 });
  const random = options.faults;
  const die = faultDie(['error', 'stall', 'drop'] as const, random, random?.seed);
  const nextFault = (): SpeechFault | undefined => {
    const scripted = faults.shift();
    if (scripted) return scripted;
    const kind = die.roll();
    const afterAudioMs = random?.afterAudioMs ?? 200;
    if (kind === 'error') return { kind, code: random?.errorCode ?? grpc.status.UNAVAILABLE, afterAudioMs };
    return kind === 'drop' ? { kind, afterAudioMs } : kind && { kind };
  };

  server.addService(proto.google.cloud.speech.v1.Speech.service, {
    streamingRecognize: (call: Call) =>
      handleStream(call, {
        options,
        phrases: options.phraseForSegment ? [] : phrases,
        fault: nextFault(),
        streams,
      }),
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );

  return {
    endpoint: `127.0.0.1:${port}`,
    port,
    say: (...p) => void phrases.push(...p),
    injectFault: (f) => void faults.push(f),
    forgetScripted: () => {
      phrases.length = 0;
      faults.length = 0;
    },
    streams,
    injectedFaults: die.counts,
    close: () =>
      new Promise<void>((resolve) => {
        server.tryShutdown(() => resolve());
        setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, 1000).unref();
      }),
  };
}

interface StreamContext {
  readonly options: GoogleSpeechFakeOptions;
  readonly phrases: string[];
  readonly fault: SpeechFault | undefined;
  readonly streams: StreamRecord[];
}

function handleStream(call: Call, ctx: StreamContext): void {
  const record: StreamRecord = {
    config: null,
    audioMs: 0,
    finals: [],
    outcome: 'open',
    peer: call.getPeer(),
    fault: ctx.fault?.kind,
  };
  ctx.streams.push(record);
  record.finalTimings = [];
  let lastVoicedEpoch = 0;
  const recognizer = googleRecognizer(ctx, record, (response) => send(response));
  let sendChain = Promise.resolve();
  let finished = false;

  const send = (response: { results?: { isFinal?: boolean; alternatives: { transcript: string }[] }[] }) => {
    const final = response.results?.find((r) => r.isFinal);
    const timing = final
      ? {
          lastVoicedEpoch,
          sentEpoch: undefined as number | undefined,
          text: final.alternatives[0]?.transcript,
        }
      : undefined;
    if (timing) record.finalTimings?.push(timing);
    const latency = ctx.options.latencyMs ?? 0;
    sendChain = sendChain
      .then(() => new Promise((r) => setTimeout(r, latency)))
      .then(() => {
        if (!finished && !call.cancelled) {
          if (timing) timing.sentEpoch = performance.timeOrigin + performance.now();
          return void call.write(response);
        }
        // Never delivered (stream failed or cancelled first): like Google, these words were not
        // "heard" by the client, so the phrase goes back for the replayed audio.
        const final = response.results?.find((r) => r.isFinal);
        if (final) {
          ctx.phrases.unshift(final.alternatives[0].transcript);
          record.finals.pop();
        }
      });
  };
  let failing = false;
  /** Like Google: results already produced still go out, then the error status. */
  const fail = (code: number, details: string) => {
    if (finished || failing) return;
    failing = true;
    record.outcome = 'failed';
    void sendChain
      .then(() => new Promise((r) => setTimeout(r, 5)))
      .then(() => {
        if (finished) return;
        finished = true;
        call.emit('error', { code, details });
      });
  };
  /** A vendor-side hang-up without an error: pending results never go out (their phrases return). */
  const drop = () => {
    if (finished || failing) return;
    finished = true;
    record.outcome = 'ended';
    call.end();
  };
  const end = () => {
    void sendChain.then(() => {
      if (finished) return;
      finished = true;
      record.outcome = 'ended';
      call.end();
    });
  };

  call.on('data', (request: { streamingConfig?: Record<string, any>; audioContent?: Buffer }) => {
    if (finished || failing || ctx.fault?.kind === 'stall') return;
    if (record.config === null) {
      if (!request.streamingConfig)
        return fail(grpc.status.INVALID_ARGUMENT, 'first request must carry streaming_config');
      (record as { config: unknown }).config = request.streamingConfig;
      return;
    }
    if (request.streamingConfig)
      return fail(grpc.status.INVALID_ARGUMENT, 'streaming_config may only be sent once');
    if (hasVoicedFrame(request.audioContent, ctx.options.vad?.thresholdRms))
      lastVoicedEpoch = performance.timeOrigin + performance.now();
    recognizer.push(request.audioContent ?? Buffer.alloc(0));
    record.audioMs = recognizer.audioMs;
    const limit = ctx.options.streamLimitMs ?? 305_000;
    if (record.audioMs > limit)
      return fail(
        grpc.status.OUT_OF_RANGE,
        `Exceeded maximum allowed stream duration of ${Math.round(limit / 1000)} seconds.`,
      );
    if (ctx.fault?.kind === 'error' && record.audioMs >= (ctx.fault.afterAudioMs ?? 0))
      fail(ctx.fault.code, 'injected fault');
    if (ctx.fault?.kind === 'drop' && record.audioMs >= (ctx.fault.afterAudioMs ?? 0)) drop();
  });
  call.on('end', () => {
    if (ctx.fault?.kind === 'stall') return;
    // The SDK half-closes a call just before cancelling it; only a half-close that is not
    // followed by a cancel settles the last segment (else its phrase would be used up unheard).
    setTimeout(() => {
      if (call.cancelled) return void (finished = true);
      recognizer.flush();
      end();
    }, 30);
  });
  call.on('cancelled', () => {
    finished = true;
    if (record.outcome === 'open') record.outcome = 'ended';
  });
  call.on('error', () => {});
}

/** Shared energy segmentation, answered in Google's response shapes. */
function googleRecognizer(
  ctx: StreamContext,
  record: StreamRecord,
  emit: (response: any) => void,
): SegmentRecognizer {
  const language = () => String(record.config?.config?.languageCode ?? 'de-DE').toLowerCase();
  let segmentBegin = 0;
  return new SegmentRecognizer(
    ctx.phrases,
    (event: SegmentEvent) => {
      record.audioMs = Math.max(record.audioMs, event.atMs);
      // Runs before the recognizer takes the segment's phrase (it finalizes right after 'end').
      if (event.type === 'begin') segmentBegin = event.atMs;
      const phrase =
        event.type === 'end' ? ctx.options.phraseForSegment?.(event.atMs - segmentBegin) : undefined;
      if (phrase) ctx.phrases.push(phrase);
      if (event.type === 'begin' || event.type === 'end') {
        const speechEventType = event.type === 'begin' ? 'SPEECH_ACTIVITY_BEGIN' : 'SPEECH_ACTIVITY_END';
        return emit({ speechEventType, speechEventTime: duration(event.atMs) });
      }
      const isFinal = event.type === 'final';
      if (isFinal) record.finals.push(event.text);
      emit({
        results: [
          {
            alternatives: [{ transcript: event.text, confidence: isFinal ? 0.92 : 0 }],
            isFinal,
            stability: isFinal ? 0 : 0.8,
            resultEndTime: duration(event.atMs),
            languageCode: language(),
          },
        ],
      });
    },
    { interimEveryMs: ctx.options.interimEveryMs, vad: ctx.options.vad },
  );
}

/** Latency instrumentation: whether any 20 ms frame of this chunk is voiced (same threshold as the VAD). */
function hasVoicedFrame(audio: Buffer | undefined, thresholdRms = 500): boolean {
  if (!audio) return false;
  for (let offset = 0; offset < audio.length; offset += 160)
    if (frameRms(audio.subarray(offset, offset + 160)) >= thresholdRms) return true;
  return false;
}

function duration(ms: number) {
  return { seconds: String(Math.floor(ms / 1000)), nanos: (ms % 1000) * 1e6 };
}
