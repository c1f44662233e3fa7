// The first steps of the onboarding tests (the operator's new practice, the owner's new colleague):
// the demo owner logs in on the German page, and an invited person opens the link in a browser of
// their own — no cookie of the inviter's — and fills in name and password.
import type { Page } from 'playwright-core';
import { ADMIN } from './server';

/** The demo practice's owner (also the operator) logs in and sees the flow list. */
export async function logInAsDemoOwner(page: Page, appUrl: string): Promise<void> {
  await page.goto(appUrl);
  await page.getByLabel('E-Mail-Adresse').fill(ADMIN.email);
  await page.getByLabel('Passwort', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
  await page.getByRole('heading', { name: 'Ihre Anrufabläufe' }).waitFor();
}

/**
 * The invitation page in a new browser context, filled in but not yet sent (a test may keep a
 * screenshot first). The token travels in the fragment only, as in the link.
 */
export async function openInvitation(
  inviter: Page,
  appUrl: string,
  invitation: URL,
  person: { name: string; password: string },
): Promise<Page> {
  const context = await inviter.context().browser()!.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(`${appUrl}/${invitation.hash}`);
  await page.getByRole('heading', { name: 'Einladung annehmen' }).waitFor();
  await page.getByLabel('Ihr Name').fill(person.name);
  await page.getByLabel('Passwort').fill(person.password);
  return page;
}

/** Sends the filled-in invitation page; the person lands in the organisation's flow list. */
export async function acceptInvitation(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Einladung annehmen' }).click();
  await page.getByRole('heading', { name: 'Ihre Anrufabläufe' }).waitFor();
}
