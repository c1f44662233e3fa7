// The floor of the floor benchmark: the least a voice server must do per call, in a process of
// its own (started by floor.bench.ts) so its CPU and memory can be read like the product's.
// It answers the voice webhook with a <Stream>, parses Twilio's messages, decodes the audio,
// forwards it in 100 ms requests to a gRPC recognition stream on the Google fake (same SDK as
// the product, retries off, at most 10 streams per connection like the product), and while "speaking" sends one pre-encoded frame per 20 ms on one
// shared tick. No flow, no session, no record, no log line per call.
// Argument: JSON { googleEndpoint, speakMs }. Prints `{"relay":{"url":…}}` when listening.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import process from 'node:process';
import { SpeechClient } from '@google-cloud/speech';
import { grpc } from 'google-gax';
import { WebSocketServer, type WebSocket } from 'ws';
import { FRAME_BYTES, FRAME_MS } from '../../engine/src/audio/frames';
import { syntheticSpeech } from '../../engine/src/audio/synthetic-speech';
import { ChannelPool } from '../../engine/src/providers/google/channel-pool';
import { streamingConfig } from '../../engine/src/providers/google/streaming-config';
import { connectStreamTwiml } from '../../engine/src/providers/twilio/twiml';
import { mediaMessage, parseTwilioMessage } from '../../engine/src/transports/twilio/codec';

interface RelayConfig {
  readonly googleEndpoint: string;
  /** How long each call "speaks" after its `start` (the product's greeting and question). */
  readonly speakMs: number;
  readonly publicBaseUrl: string;
}

interface RecognizeStream {
  write(request: unknown): boolean;
  end(): void;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
}

interface RelayCall {
  readonly socket: WebSocket;
  /** The one frame this call plays, encoded once for its stream. */
  frameText: string;
  speakingSince: number;
  speakUntil: number;
  /** Frames sent so far: a late tick sends what is due, like the product's pacer (real time). */
  sent: number;
}

const CHUNK_BYTES = 5 * FRAME_BYTES; // 100 ms, as the product sends

const config = JSON.parse(process.argv[2] ?? '{}') as RelayConfig;
const [host, port] = config.googleEndpoint.split(':');
// Streams over several connections, as any server must: the fake caps concurrent streams per
// connection like real gRPC servers (100), and streams beyond it would wait in grpc-js holding
// their audio — the relay's figures above 100 calls measured that queue, not a relay.
const channels = new ChannelPool(
  () =>
    new SpeechClient({
      apiEndpoint: host,
      port: Number(port),
      sslCreds: grpc.credentials.createInsecure(),
      'grpc.enable_retries': 0,
      'grpc.per_rpc_retry_buffer_size': 0,
      'grpc.use_local_subchannel_pool': 1,
    } as ConstructorParameters<typeof SpeechClient>[0]),
  10,
);
const recognition = streamingConfig({ languageCode: 'de-DE' }, { model: 'telephony' });
const frame = syntheticSpeech(FRAME_MS).subarray(0, FRAME_BYTES);
const speaking = new Set<RelayCall>();

/** The SDK's raw bidirectional call (its typings say only `gax.CancellableStream`'s base). */
function openStream(): RecognizeStream {
  const lease = channels.acquire();
  const raw: RecognizeStream = lease.client._streamingRecognize();
  raw.on('status', lease.release);
  raw.on('close', lease.release);
  return raw;
}

function relayCall(socket: WebSocket): void {
  let call: RelayCall | undefined;
  let stream: RecognizeStream | undefined;
  const chunk = Buffer.alloc(CHUNK_BYTES);
  let filled = 0;
  const end = () => {
    if (call) speaking.delete(call);
    stream?.end();
    stream = undefined;
  };
  socket.on('message', (data) => {
    const parsed = parseTwilioMessage(String(data));
    if (!parsed.ok) return;
    const msg = parsed.message;
    if (msg.type === 'media' && stream) {
      chunk.set(msg.audio, filled);
      filled += msg.audio.length;
      if (filled + FRAME_BYTES > CHUNK_BYTES) {
        stream.write({ audioContent: Buffer.from(chunk.subarray(0, filled)) });
        filled = 0;
      }
    } else if (msg.type === 'start') {
      stream = openStream();
      stream.on('data', () => {});
      stream.on('error', () => {});
      stream.write({ streamingConfig: recognition });
      const now = Date.now();
      const frameText = mediaMessage(msg.streamSid, frame);
      call = { socket, frameText, speakingSince: now, speakUntil: now + config.speakMs, sent: 0 };
      speaking.add(call);
    } else if (msg.type === 'stop') end();
  });
  socket.on('close', end);
}

// One tick for every speaking call; each call sends the frames due by now (one, unless late).
setInterval(() => {
  const now = Date.now();
  for (const call of speaking) {
    if (now >= call.speakUntil) speaking.delete(call);
    const due = Math.floor((Math.min(now, call.speakUntil) - call.speakingSince) / FRAME_MS);
    for (; call.sent < due; call.sent++) call.socket.send(call.frameText);
  }
}, FRAME_MS);

const http = createServer((req, res) => {
  req.resume().on('end', () => {
    res.writeHead(200, { 'content-type': 'text/xml' });
    res.end(
      connectStreamTwiml({
        streamUrl: `${config.publicBaseUrl.replace(/^http/, 'ws')}/twilio/media`,
        parameters: {},
      }),
    );
  });
});
const wss = new WebSocketServer({ server: http, path: '/twilio/media' });
wss.on('connection', relayCall);
http.listen(0, '127.0.0.1', () => {
  const { port: listening } = http.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ relay: { url: `http://127.0.0.1:${listening}` } })}\n`);
});
const quit = () => process.exit(0);
process.on('SIGTERM', quit);
process.on('SIGINT', quit);
process.stdin.on('close', quit);
process.stdin.resume();
