// Issue 24 in the browser: „Probeanruf mit Mikrofon" in Chromium against the real server (child
// process) wired to the local Google, ElevenLabs and Twilio fakes. The microphone is Chromium's
// fake device; the page's test hook (window.__callflowInjectAudio) has the capture worklet play
// injected 8 kHz speech instead, in real time, through the same μ-law framing and socket.
// (Barge-in, transfers and the refusals are proven on the wire: test/protocol/browser-test-call.test.ts.)
// Waits are on events the page shows (step highlight, understood text, buffer report), never on
// fixed sleeps. Screenshot: test-results/screenshots/24-voice-test-call.png.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MULAW_DECODE_TABLE } from '../../engine/src/audio/mulaw';
import { syntheticSpeech } from '../../engine/src/audio/synthetic-speech';
import { startElevenLabsFake, type ElevenLabsFake } from '../fakes/elevenlabs-server';
import { startGoogleSpeechFake, type GoogleSpeechFake } from '../fakes/google-speech-server';
import { startTwilioRestFake, type TwilioRestFake } from '../fakes/twilio-rest-server';
import { openDesigner, type DesignerSession } from './app-proxy';
import { ADMIN } from './server';

const ROOT = join(__dirname, '../..');
const SHOTS = join(ROOT, 'test-results/screenshots');
const ACCOUNT_SID = 'AC00000000000000000000000000000024';
const eventually = <T>(fn: () => Promise<T> | T, timeout = 20_000) =>
  expect.poll(fn, { timeout, interval: 100 });

let google: GoogleSpeechFake;
let eleven: ElevenLabsFake;
let rest: TwilioRestFake;
let session: DesignerSession | undefined;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [google, eleven, rest] = await Promise.all([
    startGoogleSpeechFake(),
    startElevenLabsFake({ apiKey: 'xi-e2e' }),
    startTwilioRestFake({ accountSid: ACCOUNT_SID, authToken: 'tw-e2e' }),
  ]);
  session = await openDesigner({
    env: {
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: 'tw-e2e',
      TWILIO_API_BASE_URL: rest.baseUrl,
      GOOGLE_SPEECH_ENDPOINT: google.endpoint,
      GOOGLE_SPEECH_INSECURE: '1',
      ELEVENLABS_API_KEY: 'xi-e2e',
      ELEVENLABS_BASE_URL: eleven.baseUrl,
      ELEVENLABS_VOICE_ID: 'voice-de',
    },
    browserArgs: [
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
  page = session.page;
  await page.addInitScript(() => {
    (window as { __callflowInjectAudio?: boolean }).__callflowInjectAudio = true;
  });
}, 180_000);

afterAll(async () => {
  await session?.close();
  await Promise.all([google?.close(), eleven?.close(), rest?.close()]);
});

/** Speech-like audio as the page's capture worklet gets it (8 kHz, −1…1). */
async function speak(ms: number, seed: number): Promise<void> {
  const samples = [...syntheticSpeech(ms, { seed })].map((b) => MULAW_DECODE_TABLE[b] / 32768);
  await page.evaluate((s) => {
    const hook = (window as { __callflowVoiceCall?: { inject(x: Float32Array): void } }).__callflowVoiceCall;
    hook!.inject(Float32Array.from(s));
  }, samples);
}

/** Prompts the page has played to their end (its mark echoes), as `node/prompt`. */
const played = () =>
  page.evaluate(() =>
    ((window as { __callflowVoiceCall?: { played: string[] } }).__callflowVoiceCall?.played ?? []).map((m) =>
      m.replace(/#\d+$/, ''),
    ),
  );

const activeStep = () =>
  page.evaluate(() => document.querySelector('[data-testid^="step-"].active')?.getAttribute('data-testid'));

describe('Probeanruf mit Mikrofon', () => {
  it('greets, hears consent by voice, lights the step, shows what it understood, keys DTMF, hangs up', async () => {
    await page.goto(session!.appUrl);
    await page.getByLabel('E-Mail-Adresse').fill(ADMIN.email);
    await page.getByLabel('Passwort').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
    await page
      .getByRole('link', { name: /Öffnen: .*Hausarzt/ })
      .first()
      .click();
    await page.getByRole('tab', { name: 'Probeanruf' }).click();
    const panel = page.getByTestId('voice-call');
    await page.getByTestId('voice-call-start').click();

    // The greeting: synthesized at the fake, streamed as frames, played by the page's buffer.
    await eventually(() => page.getByTestId('voice-call-status').count()).toBe(1);
    await eventually(() => activeStep()).toBe('step-begruessung');
    await eventually(() => eleven.requests.length).toBeGreaterThanOrEqual(2);
    const jitter = page.getByTestId('voice-call-jitter');
    await eventually(async () =>
      Number(/höchstens (\d+) ms/.exec(await jitter.innerText())?.[1] ?? 0),
    ).toBeGreaterThan(0);
    // The disclosure is not interruptible: speak once the page has played the consent question.
    await eventually(() => played(), 30_000).toContain('begruessung/question');

    google.say('Ja, gern.');
    await speak(700, 31);
    await eventually(() => page.getByTestId('voice-call-heard').innerText()).toContain('„Ja, gern.“');
    await eventually(() => activeStep()).not.toBe('step-begruessung');
    // The page sent real 20 ms frames: the recognizer got μ-law audio.
    expect(google.streams.length).toBeGreaterThan(0);

    await panel.getByRole('button', { name: '0', exact: true }).click();
    await eventually(() => page.getByTestId('voice-call-heard').innerText()).toContain('Taste 0');
    await page.screenshot({ path: join(SHOTS, '24-voice-test-call.png') });

    await page.getByTestId('voice-call-hangup').click();
    await eventually(() => page.getByTestId('voice-call-ended').innerText()).toBe('Aufgelegt.');
    // The buffer holds about the server's lead (200 ms, as for a phone call) plus frames in flight.
    const maxDepth = Number(/höchstens (\d+) ms/.exec(await jitter.innerText())?.[1]);
    expect(maxDepth).toBeGreaterThan(0);
    expect(maxDepth).toBeLessThanOrEqual(300);
  }, 120_000);
});
