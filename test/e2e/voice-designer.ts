// The designer for voice test calls: the real server wired to the local Google, ElevenLabs and
// Twilio fakes, Chromium with a fake microphone, and the page's capture hook on — the fake
// microphone's beeps would answer the greeting, so the tests inject speech (or silence) instead.
import type { Page } from 'playwright-core';
import { startElevenLabsFake, type ElevenLabsFake } from '../fakes/elevenlabs-server';
import { startGoogleSpeechFake, type GoogleSpeechFake } from '../fakes/google-speech-server';
import { startTwilioRestFake, type TwilioRestFake } from '../fakes/twilio-rest-server';
import { logIn, openDesigner, type DesignerSession } from './app-proxy';

export interface VoiceDesigner {
  session: DesignerSession;
  google: GoogleSpeechFake;
  eleven: ElevenLabsFake;
  rest: TwilioRestFake;
  /** Stops the server, the browser and the fakes. */
  close(): Promise<void>;
}

/** `env`: further server settings (limits); `accountSid`: one per test file, for its own fake. */
export async function openVoiceDesigner(
  accountSid: string,
  env: Record<string, string> = {},
): Promise<VoiceDesigner> {
  const [google, eleven, rest] = await Promise.all([
    startGoogleSpeechFake(),
    startElevenLabsFake({ apiKey: 'xi-e2e' }),
    startTwilioRestFake({ accountSid, authToken: 'tw-e2e' }),
  ]);
  const fakes = async () => void (await Promise.all([google.close(), eleven.close(), rest.close()]));
  let session: DesignerSession;
  try {
    session = await openDesigner({
      env: {
        TWILIO_ACCOUNT_SID: accountSid,
        TWILIO_AUTH_TOKEN: 'tw-e2e',
        TWILIO_API_BASE_URL: rest.baseUrl,
        GOOGLE_SPEECH_ENDPOINT: google.endpoint,
        GOOGLE_SPEECH_INSECURE: '1',
        ELEVENLABS_API_KEY: 'xi-e2e',
        ELEVENLABS_BASE_URL: eleven.baseUrl,
        ELEVENLABS_VOICE_ID: 'voice-de',
        ...env,
      },
      browserArgs: [
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        '--autoplay-policy=no-user-gesture-required',
      ],
    });
  } catch (e) {
    await fakes();
    throw e;
  }
  await session.page.addInitScript(() => {
    (window as { __callflowInjectAudio?: boolean }).__callflowInjectAudio = true;
  });
  return {
    session,
    google,
    eleven,
    rest,
    async close() {
      await session.close();
      await fakes();
    },
  };
}

/** Logs in as the demo owner and opens the doctor's-office example. */
export async function openDemoPractice(page: Page, appUrl: string): Promise<void> {
  await page.goto(appUrl);
  await logIn(page);
  await page
    .getByRole('link', { name: /Öffnen: .*Hausarzt/ })
    .first()
    .click();
}
