// How the designer's browser tests begin: a built designer against a real server with the demo
// practice, one German page, a screenshots folder, and waits that hold on a busy machine. The
// canvas, publishing and template tests share it (they used to write it out each).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { logIn, openDesigner, type DesignerSession } from './app-proxy';
import { ownerApi, type OwnerCall } from './owner-api';

export const SHOTS = join(__dirname, '../..', 'test-results/screenshots');

/** Polls until the value matches: the page answers in its own time, never after a fixed sleep. */
export const eventually = <T>(fn: () => Promise<T> | T) =>
  expect.poll(fn, { timeout: 15_000, interval: 100 });

/** Keeps what the page shows as `test-results/screenshots/<name>.png`. */
export const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });

/** `timeout`: how long a single locator may wait (a test that creates flows needs longer). */
export async function openDesignerPage(timeout = 10_000): Promise<DesignerSession> {
  mkdirSync(SHOTS, { recursive: true });
  const session = await openDesigner();
  session.page.setDefaultTimeout(timeout);
  return session;
}

/** The owner's API (to set the scene without clicking) and the demo practice's flow. */
export async function demoPractice(
  session: DesignerSession,
): Promise<{ call: OwnerCall; practiceId: string }> {
  const call = await ownerApi(session.server.url);
  const { flows } = await call<{ flows: { id: string; slug: string }[] }>('GET', '/api/flows');
  return { call, practiceId: flows.find((f) => f.slug === 'arztpraxis')!.id };
}

/**
 * The same app for someone who reads English: a browser context of its own (en-US, so nothing
 * of the German page's session carries over), at `route`, switched to English and logged in.
 * The context is closed afterwards, whatever `use` did.
 */
export async function inEnglish(
  session: DesignerSession,
  route: string,
  use: (en: Page) => Promise<void>,
  timeout = 10_000,
): Promise<void> {
  const browser = session.page.context().browser()!;
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
  try {
    const en = await context.newPage();
    en.setDefaultTimeout(timeout);
    await en.goto(`${session.appUrl}/${route}`);
    await en.getByRole('button', { name: 'English' }).click();
    await logIn(en);
    await use(en);
  } finally {
    await context.close();
  }
}

/**
 * Selects a step on the canvas as a person does: a card the view has left (partly) behind is
 * brought back first with the canvas' „Ansicht einpassen“ — a browser cannot scroll to a card that
 * lies to the left of or above the view, so a plain click would land on the palette.
 */
export async function clickStep(page: Page, stepId: string): Promise<void> {
  const card = page.getByTestId(`step-${stepId}`);
  const [box, view] = await Promise.all([card.boundingBox(), page.locator('.react-flow').boundingBox()]);
  const inView =
    box !== null &&
    view !== null &&
    box.x >= view.x &&
    box.y >= view.y &&
    box.x + box.width <= view.x + view.width &&
    box.y + box.height <= view.y + view.height;
  if (!inView) await page.getByRole('button', { name: /^(Ansicht einpassen|Fit view)$/ }).click();
  await card.click();
}
