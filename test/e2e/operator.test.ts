// The operator onboards a second practice in the browser (real server, Debian chromium): creates
// the organisation, copies the owner's invitation link, assigns a number. The owner opens the link
// in a browser of their own, sets name and password, builds a flow from a template, publishes it
// and binds the number — which the operator then sees answering with that flow. Screenshots in
// test-results/screenshots/ (20-organisations … 25-operator-sees-binding).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TARGETS } from '../../engine/src/store/bootstrap';
import type { DesignerSession } from './app-proxy';
import { eventually, openDesignerPage, shot } from './designer-page';
import { acceptInvitation, logInAsDemoOwner, openInvitation } from './onboarding';
import { publishFromToolbar } from './publish-steps';
const NUMBER = '+4930555000777';
const OWNER = {
  email: 'inhaberin@kanzlei-zwei.example',
  password: 'Kanzlei-Passwort-2026',
  name: 'Dr. Zwei',
};

let session: DesignerSession | undefined;

describe('the operator onboards a second practice (browser, real server)', () => {
  beforeAll(async () => {
    session = await openDesignerPage();
  }, 150_000);

  afterAll(async () => {
    await session?.close();
  });

  it('creates the organisation and a number; its owner accepts, publishes a flow and binds the number', async () => {
    const { page, appUrl } = session!;

    // The operator (the first account, also Demo-Praxis's owner) logs in.
    await logInAsDemoOwner(page, appUrl);

    // „Organisationen": create the practice; the invitation link appears with a copy button.
    await page.getByRole('link', { name: 'Organisationen' }).click();
    await page.getByLabel('Name der Organisation').fill('Kanzlei Zwei');
    await page.getByLabel(/E-Mail-Adresse der Inhaberin/).fill(OWNER.email);
    await page.getByRole('button', { name: 'Anlegen' }).click();
    const link = page.getByLabel('Einladungslink');
    await eventually(() => link.inputValue()).toMatch(/#einladung=/);
    const invitation = new URL(await link.inputValue());
    await page.getByRole('button', { name: 'Link kopieren' }).waitFor();
    await eventually(() => page.getByTestId('organisation-Kanzlei Zwei').innerText()).toContain('aktiv');
    await shot(page, '20-organisations');

    // „Rufnummern vergeben": the number goes to the new practice.
    await page.getByRole('link', { name: 'Rufnummern vergeben' }).click();
    await page.getByLabel(/Rufnummer \(z\. B\./).fill(NUMBER);
    await page.getByLabel('Organisation').selectOption({ label: 'Kanzlei Zwei' });
    await page.getByRole('button', { name: 'Zuweisen' }).click();
    const assigned = page.getByTestId(`assigned-${NUMBER}`);
    await eventually(() => assigned.innerText()).toContain('Kanzlei Zwei');
    expect(await assigned.innerText()).toContain('noch keinem Anrufablauf zugeordnet');
    await shot(page, '21-operator-numbers');

    // The owner, in a browser of their own, opens the link (the token is in the fragment only).
    const owner = await openInvitation(page, appUrl, invitation, OWNER);
    await shot(owner, '22-invitation');
    await acceptInvitation(owner);
    expect(await owner.locator('header').innerText()).toContain('Kanzlei Zwei');
    expect(owner.url()).not.toContain('einladung');
    // The owner sees none of the operator's screens, and none of Demo-Praxis's flows.
    expect(await owner.getByRole('link', { name: 'Organisationen' }).count()).toBe(0);
    expect(await owner.getByText('Hausarztpraxis Dr. Beispiel').count()).toBe(0);

    // The practice's transfer targets: a new organisation starts with none.
    await owner.getByRole('link', { name: 'Weiterleitungsziele' }).click();
    for (const target of DEMO_TARGETS) {
      await owner.getByLabel(/Kennung/).fill(target.id);
      await owner.getByLabel(/Bezeichnung/).fill(target.label);
      await owner.getByLabel(/Rufnummer/).fill(target.number);
      await owner.getByRole('button', { name: 'Hinzufügen' }).click();
      await owner.getByTestId(`target-${target.id}`).waitFor();
    }
    await shot(owner, '23-owner-targets');
    await owner.getByRole('link', { name: 'Anrufabläufe' }).click();

    // Build from the law-office template and publish.
    await owner.getByLabel('Vorlage').selectOption('kanzlei');
    await owner.getByLabel(/Name des Anrufablaufs/).fill('Kanzlei Zwei');
    await owner.getByRole('button', { name: 'Anlegen' }).click();
    await eventually(() => owner.getByTestId('save-status').getAttribute('data-status')).toBe('saved');
    await publishFromToolbar(owner, 'Erste Fassung');
    await owner.getByText('Version 1 veröffentlicht.').waitFor();

    // Bind the assigned number.
    await owner.getByRole('link', { name: 'Rufnummern', exact: true }).click();
    await eventually(() => owner.getByText(/Ihre Rufnummern/).innerText()).toContain(NUMBER);
    await owner.getByLabel(/Rufnummer \(z\. B\./).fill(NUMBER);
    await owner.getByLabel('Anrufablauf').selectOption({ index: 0 });
    await owner.getByRole('button', { name: 'Zuordnen' }).click();
    await eventually(() => owner.getByTestId(`number-${NUMBER}`).innerText()).toContain('Kanzlei Zwei');
    await shot(owner, '24-owner-numbers');

    // A number the practice was not given is refused like one that does not exist.
    await owner.getByLabel(/Rufnummer \(z\. B\./).fill('+493023125000');
    await owner.getByRole('button', { name: 'Zuordnen' }).click();
    await eventually(() => owner.getByRole('alert').innerText()).toContain('Nicht gefunden');

    // The operator sees which flow the number answers now.
    await page.getByRole('link', { name: 'Organisationen' }).click();
    await page.getByRole('link', { name: 'Rufnummern vergeben' }).click();
    await eventually(() => page.getByTestId(`assigned-${NUMBER}`).innerText()).not.toContain(
      'noch keinem Anrufablauf',
    );
    await shot(page, '25-operator-sees-binding');
    await owner.context().close();
  }, 120_000);
});
