// The four vendor fakes (test/fakes) in one process of their own, so their CPU is not the
// server's and not the callers'. Configured by one JSON argument (FakesConfig); prints one JSON
// line `{"fakes":{…urls}}` when listening, serves GET /stats and /spans on a control port, and exits on
// SIGTERM/SIGINT or when its parent goes away (stdin closes). Loopback only.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import process from 'node:process';
import { startElevenLabsFake } from '../test/fakes/elevenlabs-server';
import { startGoogleSpeechFake } from '../test/fakes/google-speech-server';
import { startFakeOpenAI } from '../test/fakes/openai-server';
import { startTwilioRestFake } from '../test/fakes/twilio-rest-server';
import { providerSpans } from '../test/harness/latency';
import type { FakeFaults } from './faults';
import { loopDelayMeter } from './loop-delay';
import { phraseForSegment } from './scripts';

export interface FakeDelays {
  /** STT: from the end of the caller's speech (fake VAD end) to the final result, ms. */
  readonly stt: number;
  /** LLM: time to a Chat Completions answer, ms. */
  readonly llm: number;
  /** TTS: time to the first audio byte, ms. */
  readonly tts: number;
}

export interface FakesConfig {
  readonly delays: FakeDelays;
  /** The run's phrase book (load/scripts.ts): phrase k is "heard" for a segment of its length. */
  readonly phrases: readonly string[];
  readonly twilio: { readonly accountSid: string; readonly authToken: string };
  readonly elevenLabsKey: string;
  /** Passed as-is to each fake's `faults` start option (load/faults.ts builds it). */
  readonly faults?: FakeFaults;
}

export interface FakesAddresses {
  /** host:port for GOOGLE_SPEECH_ENDPOINT. */
  readonly googleEndpoint: string;
  readonly elevenLabsBaseUrl: string;
  /** …/v1, for OPENAI_BASE_URL. */
  readonly openaiBaseUrl: string;
  readonly twilioApiBaseUrl: string;
  /** GET /stats: request and fault counts of every fake, event-loop delay (ms); GET /spans: provider delays (ProviderSpan[]). */
  readonly controlUrl: string;
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '{}') as FakesConfig;
  const faults = config.faults ?? {};
  // The fake sends VAD end, then the final, each after `latencyMs` (chained): half each.
  const google = await startGoogleSpeechFake({
    latencyMs: Math.round(config.delays.stt / 2),
    phraseForSegment: phraseForSegment(config.phrases),
    faults: faults.google,
  });
  const eleven = await startElevenLabsFake({
    apiKey: config.elevenLabsKey,
    firstByteDelayMs: config.delays.tts,
    faults: faults.elevenlabs,
  });
  const openai = await startFakeOpenAI({
    delayMs: config.delays.llm,
    faults: faults.openai,
  });
  const rest = await startTwilioRestFake({
    ...config.twilio,
    faults: faults.twilio,
  });
  const injected = (f: object) => (f as { injectedFaults?: unknown }).injectedFaults ?? {};
  // A late fakes process delays audio and answers like a slow network would: the report shows it.
  const lag = loopDelayMeter();
  const stats = () => ({
    lag: lag(),
    google: {
      streams: google.streams.length,
      failed: google.streams.filter((s) => s.outcome === 'failed').length,
      faults: injected(google),
    },
    elevenlabs: {
      requests: eleven.requests.length,
      aborted: eleven.requests.filter((r) => r.aborted).length,
      faults: injected(eleven),
    },
    openai: { requests: openai.requests.length, faults: injected(openai) },
    twilio: { updates: rest.updates.length, faults: injected(rest) },
  });
  const phraseIndex = new Map(config.phrases.map((phrase, i) => [phrase, String(i)]));
  // /spans: every provider delay the fakes measured (epoch ms), for engine-added latency.
  const routes: Partial<Record<string, () => unknown>> = {
    '/stats': stats,
    // STT spans are keyed by the phrase's index in the run's phrase book, never by its words.
    '/spans': () =>
      providerSpans({ speech: google, llm: openai, tts: eleven }).map((s) =>
        s.key === undefined ? s : { ...s, key: phraseIndex.get(s.key) ?? '-1' },
      ),
  };
  const control = createServer((req, res) => {
    const route = routes[req.url ?? ''];
    res.writeHead(route ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(route ? route() : {}));
  });
  await new Promise<void>((r) => control.listen(0, '127.0.0.1', r));
  const addresses: FakesAddresses = {
    googleEndpoint: google.endpoint,
    elevenLabsBaseUrl: eleven.baseUrl,
    openaiBaseUrl: openai.baseURL,
    twilioApiBaseUrl: rest.baseUrl,
    controlUrl: `http://127.0.0.1:${(control.address() as AddressInfo).port}`,
  };
  process.stdout.write(JSON.stringify({ fakes: addresses }) + '\n');

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(0), 3000).unref();
    control.close();
    await Promise.allSettled([google.close(), eleven.close(), openai.close(), rest.close()]);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  process.stdin.on('end', () => void stop()); // the parent died: never outlive it
  process.stdin.resume();
}

main().catch((err: unknown) => {
  process.stderr.write(`fakes: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
