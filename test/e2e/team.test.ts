// The team in the browser (real server, Debian chromium): the practice owner invites a front-desk
// colleague as „Empfang“ and copies the link; the colleague accepts in a browser of their own,
// sets up two-factor login with the authenticator secret, logs in again with a code, sees the
// inbox and cannot publish; the owner removes them and their open session ends. Screenshots in
// test-results/screenshots/ (30-team … 34-removed).
import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesignerSession } from './app-proxy';
import { eventually, openDesignerPage, shot } from './designer-page';
import { acceptInvitation, logInAsDemoOwner, openInvitation } from './onboarding';
const AGENT = {
  email: 'empfang@demo-praxis.example',
  password: 'Empfang-Wartezimmer-2026',
  name: 'Frau Empfang',
};

let session: DesignerSession | undefined;

/** A request from inside the page, with the session's CSRF token (what a hand-made call would do). */
async function fromPage(page: Page, method: string, path: string): Promise<number> {
  return page.evaluate(
    async ([m, p]) => {
      const me = await fetch('/api/me');
      if (!me.ok) return me.status;
      const { csrfToken } = (await me.json()) as { csrfToken: string };
      const res = await fetch(p, {
        method: m,
        headers: { 'X-CSRF-Token': csrfToken, 'Content-Type': 'application/json' },
        body: m === 'GET' ? undefined : JSON.stringify({ message: 'vom Empfang' }),
      });
      return res.status;
    },
    [method, path] as const,
  );
}

describe('the owner brings a colleague in with a role and two-factor login (browser, real server)', () => {
  beforeAll(async () => {
    session = await openDesignerPage();
  }, 150_000);

  afterAll(async () => {
    await session?.close();
  });

  it('invites, the agent enrols 2FA, logs in, reads the inbox, cannot publish, and is removed', async () => {
    const { page, appUrl } = session!;
    await logInAsDemoOwner(page, appUrl);

    // „Team": each role in one line; invite as „Empfang".
    await page.getByRole('link', { name: 'Team' }).click();
    await page.getByText(/Empfang – Gesprächsnotizen lesen/).waitFor();
    await page.getByLabel('E-Mail-Adresse').fill(AGENT.email);
    await page.getByLabel('Rolle', { exact: true }).selectOption('agent');
    await page.getByRole('button', { name: 'Einladen' }).click();
    const link = page.getByLabel('Einladungslink');
    await eventually(() => link.inputValue()).toMatch(/#einladung=/);
    const invitation = new URL(await link.inputValue());
    await shot(page, '30-team');

    // The colleague, in a browser of their own.
    const agent = await openInvitation(page, appUrl, invitation, AGENT);
    await acceptInvitation(agent);

    // „Mein Konto": set up two-factor login with the secret the page shows.
    await agent.getByRole('link', { name: 'Mein Konto' }).click();
    await agent.getByRole('button', { name: 'Einrichten' }).click();
    const secret = (await agent.getByTestId('totp-secret').innerText()).trim();
    const totp = new TOTP({ secret: Secret.fromBase32(secret) });
    await agent.getByLabel('Code aus der App').fill(totp.generate());
    await agent.getByRole('button', { name: 'Bestätigen' }).click();
    await eventually(() => agent.getByTestId('recovery-codes').locator('li').count()).toBe(10);
    await shot(agent, '31-two-factor');

    // Log out and in again: the password, then the code of the next time step.
    await agent.getByRole('button', { name: 'Abmelden' }).click();
    await agent.getByLabel('E-Mail-Adresse').fill(AGENT.email);
    await agent.getByLabel('Passwort', { exact: true }).fill(AGENT.password);
    await agent.getByRole('button', { name: 'Anmelden', exact: true }).click();
    const code = agent.getByLabel(/Code aus der Authenticator-App/);
    await code.fill(totp.generate({ timestamp: Date.now() + 30_000 }));
    await shot(agent, '32-code');
    await agent.getByRole('button', { name: 'Anmelden', exact: true }).click();
    // Logged in again where the address points (the account page they logged out from).
    await agent.getByRole('heading', { name: 'Mein Konto' }).waitFor();

    // The inbox is theirs; publishing is not.
    await agent.getByRole('link', { name: 'Posteingang' }).click();
    await agent.getByRole('heading', { name: 'Posteingang' }).waitFor();
    expect(await agent.getByRole('link', { name: 'Team' }).count()).toBe(0);
    const flows = await agent.evaluate(
      async () => ((await (await fetch('/api/flows')).json()) as { flows: { id: string }[] }).flows,
    );
    expect(await fromPage(agent, 'POST', `/api/flows/${flows[0].id}/versions`)).toBe(403);
    await shot(agent, '33-agent-inbox');

    // The owner removes the colleague (the team list, opened afresh, shows them now): their open
    // session ends at once.
    await page.getByRole('link', { name: 'Anrufabläufe' }).click();
    await page.getByRole('link', { name: 'Team' }).click();
    const row = page.getByTestId(`member-${AGENT.email}`);
    await row.getByRole('button', { name: 'Entfernen' }).click();
    await row.getByRole('button', { name: 'Ja, entfernen' }).click();
    await eventually(() => row.count()).toBe(0);
    expect(await fromPage(agent, 'GET', '/api/calls')).toBe(401);
    await agent.reload();
    await agent.getByRole('heading', { name: 'Anmelden' }).waitFor();
    await shot(agent, '34-removed');
    await agent.context().close();
  });
});
