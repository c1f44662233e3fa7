// Issue 24 in the browser: „Probeanruf mit Mikrofon" in Chromium against the real server (child
// process) wired to the local Google, ElevenLabs and Twilio fakes. The microphone is Chromium's
// fake device; the page's test hook (window.__callflowInjectAudio) has the capture worklet play
// injected 8 kHz speech instead, in real time, through the same μ-law framing and socket.
// Barge-in is shown in the page's own player (the clear empties its buffer); the voice picker
// lists the ElevenLabs fake's voices and „Probehören" plays the greeting in the chosen one; a
// voice call of a zero-persistence flow leaves no trace of the caller's words in the data dir.
// (Transfers and the refusals are proven on the wire: test/protocol/browser-test-call.test.ts;
// no credentials and the time limit: voice-test-call-limits.test.ts.)
// Waits are on events the page shows (step highlight, understood text, buffer report, the
// player's echoes), never on fixed sleeps. Screenshot: test-results/screenshots/24-voice-test-call.png.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MULAW_DECODE_TABLE } from '../../engine/src/audio/mulaw';
import { syntheticSpeech } from '../../engine/src/audio/synthetic-speech';
import type { ElevenLabsFake } from '../fakes/elevenlabs-server';
import type { GoogleSpeechFake } from '../fakes/google-speech-server';
import type { DesignerSession } from './app-proxy';
import { scanFiles } from '../privacy/canary';
import { ownerApi } from './owner-api';
import { openDemoPractice, openVoiceDesigner, type VoiceDesigner } from './voice-designer';

const ROOT = join(__dirname, '../..');
const SHOTS = join(ROOT, 'test-results/screenshots');
const ACCOUNT_SID = 'AC00000000000000000000000000000024';
const eventually = <T>(fn: () => Promise<T> | T, timeout = 20_000) =>
  expect.poll(fn, { timeout, interval: 100 });

let voice: VoiceDesigner | undefined;
let google: GoogleSpeechFake;
let eleven: ElevenLabsFake;
let session: DesignerSession;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  voice = await openVoiceDesigner(ACCOUNT_SID);
  ({ session, google, eleven } = voice);
  page = session.page;
  // Every test works on the doctor's-office example, each from its own tab of the flow.
  await openDemoPractice(page, session.appUrl);
}, 180_000);

afterAll(async () => {
  await voice?.close();
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

type DraftSettings = { providers: { voiceId?: string }; zeroPersistence: boolean };

/** The doctor's-office example's saved draft settings, as the server has them (the designer autosaves). */
async function savedSettings(): Promise<DraftSettings> {
  const call = await ownerApi(session.server.url);
  const { flows } = await call<{ flows: { id: string; slug: string }[] }>('GET', '/api/flows');
  const flowId = flows.find((f) => f.slug === 'arztpraxis')!.id;
  return (await call<{ document: { settings: DraftSettings } }>('GET', `/api/flows/${flowId}/draft`)).document
    .settings;
}

/** How much of the bot's audio each barge-in dropped from the page's playback buffer (ms). */
const cleared = () =>
  page.evaluate(
    () => (window as { __callflowVoiceCall?: { cleared: number[] } }).__callflowVoiceCall?.cleared ?? [],
  );

const activeStep = () =>
  page.evaluate(() => document.querySelector('[data-testid^="step-"].active')?.getAttribute('data-testid'));

describe('Probeanruf mit Mikrofon', () => {
  it('greets, hears consent by voice, lights the step, shows what it understood, keys DTMF, hangs up', async () => {
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
    // The promise: the bot is never heard more than 200 ms late; what it took is reported.
    const report = await jitter.innerText();
    const maxDepth = Number(/höchstens (\d+) ms/.exec(report)?.[1]);
    expect(maxDepth).toBeGreaterThan(0);
    expect(maxDepth).toBeLessThanOrEqual(200);
    expect(report).toMatch(/von erlaubten 200 ms, übersprungen: \d+ ms/);
  }, 120_000);

  it("barge-in: speaking during the consent question silences the page's player, and the answer counts", async () => {
    await page.getByRole('tab', { name: 'Probeanruf' }).click();
    await page.getByTestId('voice-call-start').click();
    await eventually(() => page.getByTestId('voice-call-status').count()).toBe(1);
    // The disclosure may not be interrupted; the question after it may (about 4 s of speech).
    await eventually(() => played(), 30_000).toContain('begruessung/disclosure');
    expect(await played()).not.toContain('begruessung/question');
    expect(await cleared()).toEqual([]);

    google.say('Ja.');
    await speak(700, 47);
    // The server's clear reached the player: what was buffered of the question is dropped.
    await eventually(async () => (await cleared()).length).toBe(1);
    // Mid-question the server keeps the buffer about its lead full: there was audio to drop.
    expect((await cleared())[0]).toBeGreaterThan(0);
    await eventually(() => page.getByTestId('voice-call-jitter').innerText()).toMatch(
      /^Wiedergabepuffer: 0 ms/,
    );
    // The words that interrupted answer the question, and the question was never played to its end.
    await eventually(() => page.getByTestId('voice-call-heard').innerText()).toContain('„Ja.“');
    await eventually(() => activeStep()).not.toBe('step-begruessung');
    expect(await played()).not.toContain('begruessung/question');

    await page.getByTestId('voice-call-hangup').click();
    await eventually(() => page.getByTestId('voice-call-ended').innerText()).toBe('Aufgelegt.');
  }, 120_000);

  it('the voice picker lists the account\'s voices; „Probehören" plays the greeting in the chosen one', async () => {
    await page.getByRole('tab', { name: 'Einstellungen' }).click();
    const select = page.getByTestId('voice-select');
    // Names and labels, as the ElevenLabs account lists them (the fake's GET /v1/voices).
    await eventually(() => select.locator('option').allInnerTexts()).toEqual([
      'Standardstimme (Greta)',
      'Greta (female, de)',
      'Jonas (male, de)',
      'Ada (female, en)',
    ]);
    await select.selectOption({ label: 'Jonas (male, de)' });
    // The flow's voice setting changed, saved with the draft.
    await eventually(async () => (await savedSettings()).providers.voiceId).toBe('voice-de-2');

    const before = eleven.requests.length;
    const preview = page.waitForResponse((r) => r.url().includes('/voice-preview'));
    await page.getByTestId('voice-preview').click();
    const answer = await preview;
    // The greeting's audio reached the page (8 kHz μ-law, several seconds of it) and plays.
    expect(answer.status()).toBe(200);
    expect((await answer.body()).length).toBeGreaterThan(8000);
    await eventually(() => page.getByTestId('voice-preview').innerText()).toBe('Spielt …');
    // Synthesized by the server in Jonas's voice, from the greeting's text only.
    const synthesized = eleven.requests.slice(before);
    expect(synthesized.map((r) => r.voiceId)).toContain('voice-de-2');
    expect(JSON.stringify(synthesized.map((r) => r.body))).toContain('Hausarztpraxis');

    // The raw id is there for integrators only: folded away until asked for.
    const picker = page.getByTestId('voice-picker');
    const raw = picker.getByLabel('Stimme (Kennung)');
    expect(await raw.isVisible()).toBe(false);
    expect(await picker.innerText()).not.toContain('voice-de-2');
    await picker.getByText('Kennung der Stimme (für Integratoren)').click();
    await eventually(() => raw.inputValue()).toBe('voice-de-2');
    await page.screenshot({ path: join(SHOTS, '24-voice-picker.png') });
  }, 120_000);

  it('zero persistence: a voice call of a flow without storage, its note delivered, leaves nothing in the data dir', async () => {
    await page.getByRole('tab', { name: 'Einstellungen' }).click();
    await page.getByLabel('Ohne Speicherung (nur Arbeitsspeicher)').check();
    // Saved before the ticket is asked for: the call runs the draft as the server has it.
    await eventually(async () => (await savedSettings()).zeroPersistence).toBe(true);

    await page.getByRole('tab', { name: 'Probeanruf' }).click();
    await page.getByLabel('Gesprächsnotiz zustellen (als Probeanruf markiert)').check();
    await page.getByTestId('voice-call-start').click();
    await eventually(() => page.getByTestId('voice-call-status').count()).toBe(1);
    await eventually(() => played(), 30_000).toContain('begruessung/question');
    google.say('Ja, gern.');
    await speak(700, 53);
    // The name is asked once every announcement before it has played (outside opening hours a
    // long one that may not be interrupted): then the caller's words reach the recognizer.
    await eventually(async () => (await played()).some((m) => m.startsWith('personalien/')), 60_000).toBe(
      true,
    );
    const canary = `Quirin Zz${randomBytes(5).toString('hex').replace(/[0-9]/g, 'q')}`;
    google.say(canary);
    await speak(900, 59);
    await eventually(() => page.getByTestId('voice-call-heard').innerText()).toContain(canary);
    await page.getByTestId('voice-call-hangup').click();
    await eventually(() => page.getByTestId('voice-call-ended').innerText()).toBe('Aufgelegt.');

    // The note was delivered, marked as a test call, to the inbox in memory only …
    const call = await ownerApi(session.server.url);
    type Notes = { calls: { test: boolean; stored: boolean; record: unknown }[] };
    const noteOf = async () =>
      (await call<Notes>('GET', '/api/calls')).calls.find((n) => JSON.stringify(n.record).includes(canary));
    await eventually(async () => (await noteOf()) !== undefined).toBe(true);
    expect(await noteOf()).toMatchObject({ test: true, stored: false });
    // … and the caller's words are nowhere in the server's files, in any encoding (notes that
    // are stored are encrypted; this catches what a careless path would write in plain text).
    expect(scanFiles([session.server.dataDir], canary)).toEqual([]);
  }, 180_000);
});
