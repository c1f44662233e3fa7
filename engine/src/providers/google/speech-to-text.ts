// SpeechToText on Google Cloud Speech v1 streaming — the only file that constructs the SDK.
// For local fakes, `endpoint` + `insecure` make the client skip authentication entirely
// (insecure channel credentials), so google-auth-library never probes the metadata server.
import { SpeechClient } from '@google-cloud/speech';
import { grpc } from 'google-gax';
import { type Clock, systemClock } from '../../ports/clock';
import type { SpeechSession, SpeechToText, SpeechToTextOptions } from '../../ports/speech-to-text';
import { ChannelPool } from './channel-pool';
import { GoogleRecognitionSession, type RecognizeStream } from './recognition-session';
import { type RecognitionModel, type StreamingConfig, streamingConfig } from './streaming-config';

export interface GoogleSpeechOptions {
  /** "host:port" of a non-Google endpoint (GOOGLE_SPEECH_ENDPOINT), e.g. a local fake. */
  readonly endpoint?: string;
  /** Plain-text gRPC without auth (GOOGLE_SPEECH_INSECURE=1); only for loopback fakes. */
  readonly insecure?: boolean;
  /** Service-account key file; default: GOOGLE_APPLICATION_CREDENTIALS. */
  readonly keyFilename?: string;
  /** Default 'telephony' (de-DE support unverified, hence configurable). */
  readonly model?: RecognitionModel;
  /** Swap streams at the next pause after this long (Google's limit is ~305 s). Default 270 s. */
  readonly restartAfterMs?: number;
  /** Swap anyway, mid-speech, this much later. Default 20 s (so 290 s at the latest). */
  readonly restartGraceMs?: number;
  /** Fresh streams after transient faults before giving up. Default 1. */
  readonly maxFaultRestarts?: number;
  readonly closeTimeoutMs?: number;
  /** Speech sent and no response for this long → a fresh stream with the replay. Default 1000 ms. */
  readonly stallTimeoutMs?: number;
  /** Least audio per gRPC request; more while the stream is backed up. Default 100 ms (five Twilio frames). */
  readonly chunkMs?: number;
  /**
   * Recognition streams per gRPC connection before another connection is opened (see
   * channel-pool.ts). Default 10, measured at 600 calls on two workers against a server with
   * HTTP/2's default 64 KB windows: 50 per connection still left 179 calls stalled, 10 none
   * (BENCHMARKS.md, issue 26). Connections are long-lived, so the cost is a handshake each.
   */
  readonly streamsPerChannel?: number;
  readonly clock?: Clock;
}

export class GoogleSpeechToText implements SpeechToText {
  private readonly channels: ChannelPool<SpeechClient>;
  private readonly model: RecognitionModel;

  constructor(private readonly options: GoogleSpeechOptions = {}) {
    this.channels = new ChannelPool(
      () => new SpeechClient(clientOptions(options)),
      options.streamsPerChannel ?? 10,
    );
    this.model = options.model ?? { model: 'telephony' };
  }

  open(options: SpeechToTextOptions): SpeechSession {
    return new GoogleRecognitionSession({
      openStream: (config: StreamingConfig) => this.openStream(config),
      config: streamingConfig(options, this.model),
      clock: this.options.clock ?? systemClock,
      restartAfterMs: this.options.restartAfterMs ?? 270_000,
      restartGraceMs: this.options.restartGraceMs ?? 20_000,
      maxFaultRestarts: this.options.maxFaultRestarts ?? 1,
      closeTimeoutMs: this.options.closeTimeoutMs ?? 3000,
      stallTimeoutMs: this.options.stallTimeoutMs ?? 1000,
      chunkMs: this.options.chunkMs ?? 100,
    });
  }

  /**
   * The raw call rather than the SDK's pumpify helper: it can be cancelled, which a retired
   * stream needs (ending it would make Google settle a half-heard sentence a second time).
   */
  private openStream(config: StreamingConfig): RecognizeStream {
    const lease = this.channels.acquire();
    const stream = lease.client._streamingRecognize() as unknown as RecognizeStream;
    // gRPC ends every call with one 'status' (cancelled ones too); 'close' covers a stream
    // handed out by a client that was closed already, which never gets a status.
    stream.once('status', lease.release);
    stream.once('close', lease.release);
    stream.write({ streamingConfig: config });
    return stream;
  }

  /** Closes every gRPC channel (server shutdown). */
  async close(): Promise<void> {
    await Promise.all(this.channels.clients.map((client) => client.close()));
  }
}

function clientOptions(options: GoogleSpeechOptions): ConstructorParameters<typeof SpeechClient>[0] {
  // grpc-js keeps a retry copy of every request until the call is committed — which a silent
  // recognition stream (no response headers yet) never is before 1 MB: measured ~200 KB per
  // call after 10 s, with `enable_retries: 0` alone too. A retry buffer of 0 commits the call at
  // its first message. The session replays unsettled audio itself on a fresh stream.
  // A local subchannel pool gives each client its own connection: with the shared default, every
  // client with the same target and options would ride the same one.
  const out: Record<string, unknown> = {
    'grpc.enable_retries': 0,
    'grpc.per_rpc_retry_buffer_size': 0,
    'grpc.use_local_subchannel_pool': 1,
  };
  if (options.endpoint) {
    const [host, port] = splitEndpoint(options.endpoint);
    out.apiEndpoint = host;
    if (port) out.port = port;
  }
  if (options.insecure) out.sslCreds = grpc.credentials.createInsecure();
  if (options.keyFilename) out.keyFilename = options.keyFilename;
  return out as ConstructorParameters<typeof SpeechClient>[0];
}

function splitEndpoint(endpoint: string): [string, number | undefined] {
  const m = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(endpoint.replace(/^[a-z]+:\/\//, ''));
  if (!m) throw new Error('GOOGLE_SPEECH_ENDPOINT must look like host:port');
  return [m[1], m[2] ? Number(m[2]) : undefined];
}
