/**
 * Issue 27: does the caller ever wait on us? (1) Turn response — the caller's last voiced frame
 * → our first answer frame — of the engine against a zero-logic relay on the same wire, SDKs and
 * fakes (bench/relay.ts), alternating calls of the doctor's office prescription scenario, all
 * answers complete. Goal: engine p50 ≤ 1.1 × relay p50. (2) The longest silence a caller hears
 * when the recognizer, the voice or the model stalls. Goal: nothing the engine causes over 1.2 s.
 * One process (server, fakes, callers), real time, loopback. `TURNS_BENCH_ROUNDS=n` (default 3).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { staticPrompts } from '../engine/src/flow/interpreter';
import { ElevenLabsTextToSpeech } from '../engine/src/providers/elevenlabs/text-to-speech';
import { GoogleSpeechToText } from '../engine/src/providers/google/speech-to-text';
import { OpenAIExtractor } from '../engine/src/providers/openai/index';
import { DEFAULT_TURN_TAKING } from '../engine/src/runtime/turn-taking';
import { DEMO_TARGETS } from '../engine/src/store/bootstrap';
import { summarize } from '../test/harness/latency';
import { TwilioCaller } from '../test/harness/twilio-caller';
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  FLOWS_DIR,
  PUBLIC_BASE_URL,
  startPhoneServer,
  type PhoneServer,
} from '../test/protocol/phone-server';
import { startRelay, type Relay } from './relay';
import { engineCall, relayCall, stallCall, type MeasuredTurn, type StallResult } from './turn-calls';

export const name = 'turns';
export const title =
  'Turn taking: answer time against a zero-logic relay, and silences when a provider stalls';

/** The voice benchmark's vendor delays: STT end of speech + final (half each), LLM, TTS first byte. */
const DELAYS = { stt: 300, llm: 400, tts: 150 };
const NUMBER = '+4930555100270';
const GOAL_RATIO = 1.1;
const GOAL_SILENCE_MS = 1200;

function scenarioWords(): string[] {
  const test = JSON.parse(readFileSync(join(FLOWS_DIR, 'arztpraxis.test.json'), 'utf8')) as {
    scenarios: { name: string; turns: { say?: string }[] }[];
  };
  const s = test.scenarios.find((x) => x.name.startsWith('Rezeptwunsch'));
  if (!s) throw new Error('no Rezeptwunsch scenario');
  return s.turns.flatMap((t) => (t.say ? [t.say] : []));
}

async function setUp(): Promise<{ env: PhoneServer; relay: Relay; close: () => Promise<void> }> {
  const env = await startPhoneServer({
    google: { latencyMs: DELAYS.stt / 2 },
    eleven: { firstByteDelayMs: DELAYS.tts },
    openai: { delayMs: DELAYS.llm },
    leadMs: 200, // production's lead: the caller plays at real time
    logLevel: 'warn',
  });
  await env.bind('arztpraxis', NUMBER);
  // As after publishing: every static prompt of the flow is in the cache (readbacks are not).
  const loaded = env.flowTools.load(env.exampleDoc('arztpraxis'), DEMO_TARGETS);
  if (!loaded.ok) throw new Error('arztpraxis does not load');
  await env.phone.warmer.warm(staticPrompts(loaded.compiled), { voiceId: 'voice-de', languageCode: 'de-DE' });
  const stt = new GoogleSpeechToText({ endpoint: env.google.endpoint, insecure: true });
  const relay = await startRelay({
    stt,
    tts: new ElevenLabsTextToSpeech({ apiKey: 'xi', baseUrl: env.eleven.baseUrl }),
    extractor: new OpenAIExtractor({ apiKey: 'sk-test', baseURL: env.openai.baseURL }),
    publicBaseUrl: PUBLIC_BASE_URL,
    leadMs: 200,
  });
  return { env, relay, close: async () => (await relay.close(), await stt.close(), await env.close()) };
}

const relayCaller = (relay: Relay) =>
  new TwilioCaller({
    serverUrl: relay.url,
    publicBaseUrl: PUBLIC_BASE_URL,
    authToken: AUTH_TOKEN,
    accountSid: ACCOUNT_SID,
    to: NUMBER,
    speed: 1,
  });

async function stalls(env: PhoneServer): Promise<StallResult[]> {
  const consent = ['Ja, gerne.', 'Anna Schmidt'];
  return [
    await stallCall(env, NUMBER, {
      scenario: 'recognizer stalls (no result, no voice activity) on the consent "Ja"',
      before: [],
      // The consent's recognizer opens with the first audio after the question: arm before the call.
      armBeforeCall: () => env.google.injectFault({ kind: 'stall' }),
      words: 'Ja, gerne.',
      resolution: /name\.prompt/,
    }),
    await stallCall(env, NUMBER, {
      scenario: 'voice hangs (headers, no audio) on the birth-date readback',
      before: consent,
      armBeforeTurn: () => env.eleven.failNext({ kind: 'stall' }),
      words: 'dritter März neunzehnhundertachtzig',
      resolution: /technicalFault/,
    }),
    await stallCall(env, NUMBER, {
      scenario: 'model hangs on a birth date the parsers do not understand',
      before: consent,
      armBeforeTurn: () => env.openai.enqueue({ kind: 'stall' }),
      words: 'Am Tag, als die Mauer fiel',
      resolution: /geburtsdatum\.reprompt/,
    }),
  ];
}

const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : '–');

function responseTable(engine: MeasuredTurn[], relay: MeasuredTurn[]): { rows: string[]; ratio: number } {
  const chains = ['all', ...new Set(engine.map((t) => t.chain))];
  let ratio = NaN;
  const rows = chains.map((chain) => {
    const pick = (ts: MeasuredTurn[]) =>
      ts.filter((t) => chain === 'all' || t.chain === chain).map((t) => t.responseMs);
    const [e, r] = [summarize(pick(engine)), summarize(pick(relay))];
    const q = e.p50 / r.p50;
    if (chain === 'all') ratio = q;
    return `| ${chain} | ${e.count} | **${ms(e.p50)}** / ${ms(e.p90)} / ${ms(e.max)} | **${ms(r.p50)}** / ${ms(r.p90)} / ${ms(r.max)} | **${q.toFixed(2)}×** |`;
  });
  return { rows, ratio };
}

function stallTable(results: StallResult[]): { rows: string[]; worst: number } {
  let worst = 0;
  const rows = results.map((s) => {
    const longest = Math.max(...s.silences);
    const engineCaused = Math.max(s.silences[0] - s.recognizerMs, ...s.silences.slice(1));
    worst = Math.max(worst, engineCaused);
    return `| ${s.scenario} | ${s.silences.map(ms).join(' → ')} | ${ms(longest)} | ${ms(s.recognizerMs)} | **${ms(engineCaused)}** | ${s.heard.join(' → ')} | ${s.wordsKept ? 'yes' : '**no**'} |`;
  });
  return { rows, worst };
}

export async function run(): Promise<{ markdown: string }> {
  const rounds = Number(process.env.TURNS_BENCH_ROUNDS ?? 3);
  const words = scenarioWords();
  const { env, relay, close } = await setUp();
  const engine: MeasuredTurn[] = [];
  const baseline: MeasuredTurn[] = [];
  const load: number[] = [];
  try {
    for (let i = 0; i < rounds; i++) {
      const call = await engineCall(env, NUMBER, words);
      engine.push(...call.turns);
      relay.plan('Guten Tag, hier ist die Praxis.', call.plan);
      baseline.push(...(await relayCall(env, relayCaller(relay), call.plan, words)));
      load.push(loadavg()[0]);
      process.stderr.write(`  [turns] round ${i + 1}/${rounds} done\n`);
    }
    const stalled = await stalls(env);
    load.push(loadavg()[0]);
    const response = responseTable(engine, baseline);
    const silence = stallTable(stalled);
    const t = DEFAULT_TURN_TAKING;
    const markdown = [
      `Command: \`npm run bench -- turns\` (\`TURNS_BENCH_ROUNDS=${rounds}\`). One process on 127.0.0.1: the real server (phone-server.ts),`,
      `the vendor fakes with the voice benchmark's delays (STT ${DELAYS.stt} ms after the end of speech, LLM ${DELAYS.llm} ms, TTS first byte ${DELAYS.tts} ms),`,
      'the Twilio caller harness at real time, and the prompt cache warm as after publishing. Turn taking: complete answers',
      `${t.completeWaitMs} ms, partial ${t.partialWaitMs} ms, filler after ${t.fillerAfterMs} ms of silence, provider given up ${t.giveUpAfterMs} ms after it;`,
      'recognizer stall watch 1000 ms. Load average during the run: ' +
        `${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)} (2 shared cores).`,
      '',
      `**Turn response** (caller's last voiced frame → first answer frame), ${rounds} alternating calls each of the`,
      'prescription scenario (8 complete answers): the engine against a relay with no logic that answers each turn on the',
      "recognizer's first final with the same provider work (bench/relay.ts). By what made the first answer audio:",
      '',
      '| answer from | turns | engine p50 / p90 / max (ms) | relay p50 / p90 / max (ms) | engine ÷ relay (p50) |',
      '|---|---:|---:|---:|---:|',
      ...response.rows,
      '',
      `- Goal engine p50 ≤ ${GOAL_RATIO}× relay p50 for complete answers: **${response.ratio <= GOAL_RATIO ? 'met' : 'missed'}** (${response.ratio.toFixed(2)}×).`,
      '  Before (issue 27, a fixed 250 ms end-of-turn wait after every final): 1.40× (782 vs. 559 ms).',
      '',
      "**Silences when a provider stalls** (engine only; from the caller's last voiced frame until the resolving prompt",
      "began, as a phone plays our frames). Engine-caused = the first silence minus the recognizer's own end-of-speech",
      "detection (its final's span, measured at the fake), and every later gap in full.",
      '',
      '| scenario | silences heard (ms) | longest | of it recognizer | engine-caused | heard | words kept |',
      '|---|---|---:|---:|---:|---|---|',
      ...silence.rows,
      '',
      `- Goal no engine-caused silence over ${GOAL_SILENCE_MS} ms: **${silence.worst <= GOAL_SILENCE_MS ? 'met' : 'missed'}** (worst ${ms(silence.worst)} ms).`,
      '  Before (issue 27): a stalled recognizer lost the "Ja" and the first reaction ("Sind Sie noch da?") came 5.4 s',
      '  after the caller stopped; 2.7 s of dead air when the voice hung, 3.7 s when the model hung.',
    ].join('\n');
    return { markdown };
  } finally {
    await close();
  }
}
