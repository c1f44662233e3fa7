/**
 * Issue 24: the designer's voice test call against a phone call, same server, same flow, same
 * fake delays — end of the caller's speech (last voiced frame sent) → first answer frame back.
 * Both paths run the phone path's CallSession; the difference is the transport (Twilio Media
 * Streams JSON + base64 vs. the browser socket's binary frames). The page's jitter buffer adds
 * its prebuffer on top of the browser number (reported apart: it is the page's, not the server's).
 * Rounds alternate phone/browser; the first round of each warms the prompt cache and is dropped.
 * `VOICE_TEST_BENCH_ROUNDS=n` (default 12).
 */
import { loadavg } from 'node:os';
import { JITTER_LIMIT_MS } from '../designer/src/panels/chat/voice/call-audio-dsp';
import { FRAME_MS } from '../engine/src/audio/frames';
import { summarize } from '../test/harness/latency';
import { BrowserCaller } from '../test/harness/browser-caller';
import { startPhoneServer, untilHeard, type PhoneServer } from '../test/protocol/phone-server';

export const name = 'voice-test-call';
export const title = 'Voice test call from the browser vs. a phone call: end of speech → first audio';

const NUMBER = '+4930555100240';
const SPEED = 10;
const DELAYS = { sttMs: 300, ttsFirstByteMs: 150 };
const PREBUFFER_MS = 60;

async function phoneTurn(env: PhoneServer, seed: number): Promise<number> {
  const c = env.caller({ to: NUMBER, speed: SPEED });
  await c.connect(await c.placeCall());
  await untilHeard(c, 'begruessung/question');
  env.google.say('Ja, gern.');
  await c.speak(600, seed);
  const spoken = c.lastSpeechSentAt;
  const pausing = c.pause(3000);
  const first = await c.waitForMedia(spoken, 10_000);
  await pausing;
  await c.hangup();
  return first.at - spoken;
}

async function browserTurn(env: PhoneServer, flowId: string, cookie: string, seed: number): Promise<number> {
  const res = await env.asOwner('POST', `/api/flows/${flowId}/test-calls`, { version: 1 });
  const { ticket } = (await res.json()) as { ticket: string };
  const c = new BrowserCaller({
    url: `${env.serverUrl.replace('http:', 'ws:')}/api/voice-test/socket`,
    cookie,
    origin: env.serverUrl,
    speed: SPEED,
  });
  await c.opened();
  c.start(ticket);
  await c.until(() => c.heardPrompts().includes('begruessung/question'), 'the consent question');
  env.google.say('Ja, gern.');
  const speaking = c.speak(600, seed, 3000);
  await c.until(
    () => c.lastSpeechSentAt > 0 && c.frames.some((f) => f.at > c.lastSpeechSentAt),
    'the answer',
  );
  const spoken = c.lastSpeechSentAt;
  const first = c.frames.find((f) => f.at > spoken)!;
  await speaking;
  c.hangup();
  await c.closed;
  return first.at - spoken;
}

export async function run(): Promise<{ markdown: string }> {
  const rounds = Number(process.env.VOICE_TEST_BENCH_ROUNDS ?? 12);
  const env = await startPhoneServer({
    google: { latencyMs: DELAYS.sttMs },
    eleven: { firstByteDelayMs: DELAYS.ttsFirstByteMs },
  });
  try {
    const flowId = await env.bind('arztpraxis', NUMBER);
    const { cookie } = await env.sessionOf(env.tenantId, 'bench@praxis.example');
    const phone: number[] = [];
    const browser: number[] = [];
    for (let i = 0; i < rounds + 1; i++) {
      const p = await phoneTurn(env, 1000 + 2 * i);
      const b = await browserTurn(env, flowId, cookie, 1001 + 2 * i);
      if (i === 0) continue; // warm-up: the answer's prompt is synthesized once, then cached
      phone.push(p);
      browser.push(b);
    }
    const [ps, bs] = [summarize(phone), summarize(browser)];
    const row = (what: string, s: ReturnType<typeof summarize>) =>
      `| ${what} | ${s.count} | ${s.p50.toFixed(1)} | ${s.p90.toFixed(1)} | ${s.max.toFixed(1)} |`;
    const load = loadavg().map((l) => l.toFixed(1));
    return {
      markdown: [
        `The doctor's-office flow, version 1; per round one phone call (Twilio caller harness) and one browser test call (the page's socket protocol), each answering the consent question with 600 ms of speech ("Ja, gern."), callers at ${SPEED}× real time. Fake delays for both: speech final ${DELAYS.sttMs} ms after the end of speech (plus the fake's 300 ms of audio VAD hangover), ElevenLabs first byte ${DELAYS.ttsFirstByteMs} ms (the answer's prompt is cached after the warm-up round, dropped). In-process server (createApp + real SDKs on the fakes). Load average during the run: ${load.join(' / ')} on 2 cores.`,
        '',
        '| path | turns | p50 (ms) | p90 (ms) | max (ms) |',
        '|---|---:|---:|---:|---:|',
        row('phone (Twilio Media Streams)', ps),
        row('browser test call (socket)', bs),
        '',
        `Difference of the medians (browser − phone): ${(bs.p50 - ps.p50).toFixed(1)} ms (one frame is ${FRAME_MS} ms; on a machine this busy, differences of a frame or two are noise).`,
        '',
        `Reported apart: the page's jitter buffer waits for ${PREBUFFER_MS} ms of audio (or a prompt's end) before the first sample plays (for a cached prompt the server's first burst, its 200 ms lead, fills that at once), and then holds about the server's lead (200 ms, the same pacer as a phone call's). It never holds more than ${JITTER_LIMIT_MS} ms: above that the oldest audio is skipped (a page that fell behind catches up instead of hearing the bot later and later). The panel shows the depth, its maximum and what was skipped; test/e2e/voice-test-call.test.ts checks the maximum stays within ${JITTER_LIMIT_MS} ms in Chromium.`,
      ].join('\n'),
    };
  } finally {
    await env.close();
  }
}
