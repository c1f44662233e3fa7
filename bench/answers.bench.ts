/**
 * Issue 18: how long a caller waits for the answer to a question — the caller's last voiced frame
 * → the first answer frame — on the phone path with the fakes' delays (STT, LLM 400 ms, TTS first
 * byte 150 ms): the deterministic path (the practice, a question about Wednesday's hours), the
 * model path (the support desk, a question no keyword matches, answered by the fake model from the
 * facts), and a fixed prompt as the baseline (the name, answered by the next cached question).
 * Deterministic: its response minus the TTS first byte it needs (a fixed prompt plays from the
 * cache) against the fixed prompt's response — what the engine adds. Model path: the caller hears
 * the cached filler while the model works, so the measure is the engine's own time from the
 * model's response (at the fake) to the answer's synthesis request (at the voice fake).
 * Goals: a deterministic answer adds < 20 ms over a fixed prompt; a model answer is on its way to
 * the voice < 100 ms after the model's response. One process, real time.
 * `ANSWERS_BENCH_ROUNDS=n` (default 5).
 */
import { loadavg } from 'node:os';
import { staticPrompts } from '../engine/src/flow/interpreter';
import { DEMO_TARGETS } from '../engine/src/store/bootstrap';
import { summarize } from '../test/harness/latency';
import { startPhoneServer, type PhoneServer } from '../test/protocol/phone-server';
import { engineCall, type MeasuredTurn } from './turn-calls';

export const name = 'answers';
export const title = "Answers to callers' questions: time to the first answer frame";

const DELAYS = { stt: 300, llm: 400, tts: 150 };
const PRAXIS = '+4930555100281';
const SUPPORT = '+4930555100282';
const GOAL_DETERMINISTIC_MS = 20;
const GOAL_MODEL_MS = 100;

async function setUp(): Promise<PhoneServer> {
  const env = await startPhoneServer({
    google: { latencyMs: DELAYS.stt / 2 },
    eleven: { firstByteDelayMs: DELAYS.tts },
    openai: { delayMs: DELAYS.llm },
    leadMs: 200,
    logLevel: 'warn',
  });
  await env.bind('arztpraxis', PRAXIS);
  await env.bind('support-desk', SUPPORT);
  for (const [slug, voice] of [
    ['arztpraxis', { voiceId: 'voice-de', languageCode: 'de-DE' }],
    ['support-desk', { voiceId: 'voice-de', languageCode: 'en-GB' }],
  ] as const) {
    const loaded = env.flowTools.load(env.exampleDoc(slug), DEMO_TARGETS);
    if (!loaded.ok) throw new Error(`${slug} does not load`);
    await env.phone.warmer.warm(staticPrompts(loaded.compiled), voice);
  }
  return env;
}

interface Sample {
  readonly kind: 'fixed prompt' | 'deterministic answer';
  readonly turn: MeasuredTurn;
}

const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : '–');
/** A turn's response without the voice's first byte, when the answer had to be synthesized. */
const withoutVoice = (t: MeasuredTurn) => t.responseMs - (t.chain.endsWith('tts') ? DELAYS.tts : 0);

/** The engine's time from the model's response to the answer's synthesis request, in the last call. */
function modelToVoice(env: PhoneServer, llm0: number, tts0: number): number {
  const responded = env.openai.requests.slice(llm0).at(-1)?.respondedEpoch;
  const answer = env.eleven.requests
    .slice(tts0)
    .find((r) => String(r.body.text ?? '').includes('status dot example dot com'));
  return responded !== undefined && answer?.receivedEpoch !== undefined
    ? answer.receivedEpoch - responded
    : NaN;
}

export async function run(): Promise<{ markdown: string }> {
  const rounds = Number(process.env.ANSWERS_BENCH_ROUNDS ?? 5);
  const env = await setUp();
  const samples: Sample[] = [];
  const modelMs: number[] = [];
  const modelResponse: number[] = [];
  const load: number[] = [];
  try {
    for (let i = 0; i < rounds; i++) {
      const praxis = await engineCall(env, PRAXIS, [
        'Ja, gerne.',
        'Wann haben Sie am Mittwoch geöffnet?',
        'Anna Schmidt',
      ]);
      samples.push({ kind: 'deterministic answer', turn: praxis.turns[1]! });
      samples.push({ kind: 'fixed prompt', turn: praxis.turns[2]! });
      const [llm0, tts0] = [env.openai.requests.length, env.eleven.requests.length];
      const support = await engineCall(env, SUPPORT, [
        'Yes, that is fine.',
        'How would I learn about current problems with your services?',
      ]);
      modelMs.push(modelToVoice(env, llm0, tts0));
      modelResponse.push(support.turns[1]!.responseMs);
      load.push(loadavg()[0]);
      process.stderr.write(`  [answers] round ${i + 1}/${rounds} done\n`);
    }
  } finally {
    await env.close();
  }
  const pick = (kind: Sample['kind']) => samples.filter((x) => x.kind === kind).map((x) => x.turn);
  const fixed = summarize(pick('fixed prompt').map((t) => t.responseMs));
  const answered = pick('deterministic answer');
  const deterministic = summarize(answered.map(withoutVoice));
  const heard = summarize(answered.map((t) => t.responseMs));
  const model = summarize(modelMs);
  const filler = summarize(modelResponse);
  const added = deterministic.p50 - fixed.p50;
  const markdown = [
    `Command: \`npm run bench -- answers\` (\`ANSWERS_BENCH_ROUNDS=${rounds}\`). One process on 127.0.0.1: the real server,`,
    `the vendor fakes (STT ${DELAYS.stt} ms after the end of speech, LLM ${DELAYS.llm} ms, TTS first byte ${DELAYS.tts} ms), the Twilio`,
    'caller harness at real time, the prompt cache warm as after publishing. Per round: the practice (consent, a question',
    "about Wednesday's hours while the name is asked, then the name) and the support desk (consent, a question no keyword",
    'matches, answered by the fake model from the status fact). Load average during the run: ' +
      `${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)} (2 shared cores).`,
    '',
    "Response = caller's last voiced frame → first answer frame (p50 / p90 / max, ms):",
    '',
    "| turn | n | response | response without the voice's first byte |",
    '|---|---:|---:|---:|',
    `| fixed prompt (next question, from the cache) | ${fixed.count} | ${ms(fixed.p50)} / ${ms(fixed.p90)} / ${ms(fixed.max)} | (no synthesis) |`,
    `| deterministic answer (hours, synthesized) | ${heard.count} | ${ms(heard.p50)} / ${ms(heard.p90)} / ${ms(heard.max)} | **${ms(deterministic.p50)}** / ${ms(deterministic.p90)} / ${ms(deterministic.max)} |`,
    `| model answer: first frame heard (the cached filler „One moment, please") | ${filler.count} | ${ms(filler.p50)} / ${ms(filler.p90)} / ${ms(filler.max)} | |`,
    '',
    `Model path, engine only: the model's response (at the fake) → the answer's synthesis request (at the voice fake):`,
    `**${ms(model.p50)}** / ${ms(model.p90)} / ${ms(model.max)} ms (p50 / p90 / max, n = ${model.count}).`,
    '',
    `- Goal: a deterministic answer adds < ${GOAL_DETERMINISTIC_MS} ms over a fixed prompt (voice first byte aside): **${added < GOAL_DETERMINISTIC_MS ? 'met' : 'missed'}** (${ms(added)} ms at p50).`,
    `  The caller still waits the voice's first byte (${DELAYS.tts} ms here): fact answers are synthesized, not cached —`,
    '  caching tenant facts ahead of calls (as static prompts are) would remove that; hours answers depend on the clock.',
    `- Goal: a model answer is on its way to the voice < ${GOAL_MODEL_MS} ms after the model's response: **${model.p50 < GOAL_MODEL_MS ? 'met' : 'missed'}** (${ms(model.p50)} ms at p50, ${ms(model.p90)} at p90).`,
    '  The model is slower than the filler threshold, so the caller hears „One moment, please" first (turn-taking.ts).',
  ].join('\n');
  return { markdown };
}
