// Starts Debian's chromium through playwright-core, headless, with no network chatter.
// playwright's launch() always uses a fresh temporary profile (user-data-dir) and removes it
// on close; the caller must close the browser (tests do so in afterAll).
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** `args`: extra Chromium switches (e.g. the fake microphone of the voice test-call test). */
export async function launchBrowser(
  args: readonly string[] = [],
): Promise<{ browser: Browser; close(): Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...args,
    ],
    timeout: 30_000,
  });
  return { browser, close: () => browser.close().catch(() => undefined) };
}
