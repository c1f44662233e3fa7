// A fake Google Cloud Speech v1 server speaking real gRPC with the package's own protos.
// It finds speech segments in the μ-law audio by energy and answers each with interim
// results, voice-activity events and one final result whose words the test scripts with
// say(). It mimics Google's per-stream duration limit (OUT_OF_RANGE) and injects faults.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as protoLoader from '@grpc/proto-loader';
import { grpc } from 'google-gax';
import { type SegmentEvent, SegmentRecognizer } from '../../engine/src/providers/fake/segment-recognizer';
import type { EnergyVadOptions } from '../../engine/src/transports/twilio/energy';

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
  | { readonly kind: 'stall' };

export interface GoogleSpeechFakeOptions {
  /** Delay before each response is sent (recognizer latency). */
  readonly latencyMs?: number;
  /** An interim result after every this many ms of a segment. */
  readonly interimEveryMs?: number;
  /** Audio per stream before OUT_OF_RANGE, like Google's ~305 s limit (shorten in tests). */
  readonly streamLimitMs?: number;
  readonly vad?: EnergyVadOptions;
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
}

export interface GoogleSpeechFake {
  /** "127.0.0.1:PORT" for GoogleSpeechToText({ endpoint, insecure: true }). */
  readonly endpoint: string;
  readonly port: number;
  /** Words for the next detected speech segments, one phrase per segment, in order. */
  say(...phrases: string[]): void;
  /** The next opened stream gets this fault. */
  injectFault(fault: SpeechFault): void;
  readonly streams: readonly StreamRecord[];
  close(): Promise<void>;
}

type Call = grpc.ServerDuplexStream<any, any>;

export async function startGoogleSpeechFake(options: GoogleSpeechFakeOptions = {}): Promise<GoogleSpeechFake> {
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
  const server = new grpc.Server();

  server.addService(proto.google.cloud.speech.v1.Speech.service, {
    streamingRecognize: (call: Call) => handleStream(call, { options, phrases, fault: faults.shift(), streams }),
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );

  return {
    endpoint: `127.0.0.1:${port}`,
    port,
    say: (...p) => void phrases.push(...p),
    injectFault: (f) => void faults.push(f),
    streams,
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
  const record: StreamRecord = { config: null, audioMs: 0, finals: [], outcome: 'open', peer: call.getPeer() };
  ctx.streams.push(record);
  const recognizer = googleRecognizer(ctx, record, (response) => send(response));
  let sendChain = Promise.resolve();
  let finished = false;

  const send = (response: { results?: { isFinal?: boolean; alternatives: { transcript: string }[] }[] }) => {
    const latency = ctx.options.latencyMs ?? 0;
    sendChain = sendChain.then(() => new Promise((r) => setTimeout(r, latency))).then(() => {
      if (!finished && !call.cancelled) return void call.write(response);
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
      if (!request.streamingConfig) return fail(grpc.status.INVALID_ARGUMENT, 'first request must carry streaming_config');
      (record as { config: unknown }).config = request.streamingConfig;
      return;
    }
    if (request.streamingConfig) return fail(grpc.status.INVALID_ARGUMENT, 'streaming_config may only be sent once');
    recognizer.push(request.audioContent ?? Buffer.alloc(0));
    record.audioMs = recognizer.audioMs;
    const limit = ctx.options.streamLimitMs ?? 305_000;
    if (record.audioMs > limit) return fail(grpc.status.OUT_OF_RANGE, `Exceeded maximum allowed stream duration of ${Math.round(limit / 1000)} seconds.`);
    if (ctx.fault?.kind === 'error' && record.audioMs >= (ctx.fault.afterAudioMs ?? 0)) fail(ctx.fault.code, 'injected fault');
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
function googleRecognizer(ctx: StreamContext, record: StreamRecord, emit: (response: any) => void): SegmentRecognizer {
  const language = () => String(record.config?.config?.languageCode ?? 'de-DE').toLowerCase();
  return new SegmentRecognizer(
    ctx.phrases,
    (event: SegmentEvent) => {
      record.audioMs = Math.max(record.audioMs, event.atMs);
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

function duration(ms: number) {
  return { seconds: String(Math.floor(ms / 1000)), nanos: (ms % 1000) * 1e6 };
}
