// Issue 24, the limits of „Probeanruf mit Mikrofon" in Chromium, each against a server of its own:
// - honest when it cannot work: a server without speech and voice credentials leaves the button
//   visible but disabled, and says in German why and what to set; the text test call still runs;
// - the time limit (CALLFLOW_TEST_CALL_MAX_MINUTES, here 0.25 = 15 s): the call ends by itself
//   with a German message, and its place (one per organisation here) is free again at once.
// Waits are on what the page shows, never on fixed sleeps.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDesigner, type DesignerSession } from './app-proxy';
import { openDemoPractice, openVoiceDesigner, type VoiceDesigner } from './voice-designer';

const ACCOUNT_SID = 'AC00000000000000000000000000000124';
const eventually = <T>(fn: () => Promise<T> | T, timeout = 20_000) =>
  expect.poll(fn, { timeout, interval: 100 });

/** Logs in as the demo owner and opens the doctor's-office example on its „Probeanruf" tab. */
async function openTestCallTab(session: DesignerSession): Promise<Page> {
  await openDemoPractice(session.page, session.appUrl);
  await session.page.getByRole('tab', { name: 'Probeanruf' }).click();
  return session.page;
}

describe('without speech and voice credentials', () => {
  let session: DesignerSession | undefined;

  beforeAll(async () => {
    session = await openDesigner({
      browserArgs: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'],
    });
  }, 180_000);
  afterAll(async () => session?.close());

  it('the microphone button is disabled and says why and what to set; the text test call still works', async () => {
    const page = await openTestCallTab(session!);
    const start = page.getByTestId('voice-call-start');
    await eventually(() => start.isDisabled()).toBe(true);
    // The reason is the button's description (screen readers read it with the button).
    await eventually(() => start.getAttribute('aria-describedby')).toBe('voice-call-why');
    const why = await page.locator('#voice-call-why').innerText();
    expect(why).toContain('fehlen auf dem Server die Zugangsdaten für Spracherkennung und Stimme');
    expect(why).toContain('ELEVENLABS_API_KEY');
    expect(why).toContain('GOOGLE_APPLICATION_CREDENTIALS');
    expect(why).toContain('Der Probeanruf mit Text oben geht trotzdem.');
    // Clicking it does nothing: no ticket is asked for.
    let tickets = 0;
    page.on('request', (r) => void (r.url().includes('/test-calls') && tickets++));
    await start.click({ force: true });

    await page.getByRole('button', { name: /Probeanruf starten/ }).click();
    const chat = page.getByTestId('test-chat');
    await eventually(() => chat.innerText()).toContain('KI-Assistent');
    const input = page.getByPlaceholder('Als anrufende Person antworten');
    await input.fill('Ja');
    await input.press('Enter');
    await eventually(() => chat.innerText()).toMatch(/Vor- und Nachname|geschlossen/);
    expect(tickets).toBe(0);
  }, 120_000);
});

describe('the time limit of a test call', () => {
  let voice: VoiceDesigner | undefined;

  beforeAll(async () => {
    voice = await openVoiceDesigner(ACCOUNT_SID, {
      CALLFLOW_TEST_CALL_MAX_MINUTES: '0.25',
      CALLFLOW_TEST_CALLS_PER_ORG: '1',
    });
  }, 180_000);
  afterAll(async () => voice?.close());

  it('ends the call by itself with a German message, and the place is free again at once', async () => {
    const page = await openTestCallTab(voice!.session);
    const start = page.getByTestId('voice-call-start');
    await start.click();
    const live = page.locator('.voice-call-live');
    await eventually(() => live.innerText()).toContain('Ein Probeanruf endet von selbst nach 15 Sekunden.');
    // Nobody hangs up: the server ends it.
    await eventually(() => page.getByTestId('voice-call-ended').innerText(), 30_000).toBe(
      'Die Höchstdauer eines Probeanrufs ist erreicht.',
    );
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await live.count()).toBe(0);

    // Its place was given back: with one place per organisation, the next call starts.
    await start.click();
    await eventually(() => page.getByTestId('voice-call-status').count()).toBe(1);
    await page.getByTestId('voice-call-hangup').click();
    await eventually(() => page.getByTestId('voice-call-ended').innerText()).toBe('Aufgelegt.');
  }, 120_000);
});
