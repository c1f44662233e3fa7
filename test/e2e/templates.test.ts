// New flows as a practice manager makes them: by name from a German template (practice, law office,
// support desk) or as a blank flow with only the required steps, as often as wanted, and by
// duplicating a flow — never asked for an id. German, then one run in English.
// Screenshots: test-results/screenshots/31-*.png.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, type DesignerSession } from './app-proxy';
import { eventually, inEnglish, openDesignerPage, shot } from './designer-page';
import { idsOf, visibleIds } from './id-scan';
import { ownerApi } from './owner-api';

let session: DesignerSession;
let page: Page;

/** Creates a flow from the list screen and waits for its editor to be open and saved. */
async function createFlow(name: string, template: string): Promise<void> {
  await page.getByLabel(/Name des Anrufablaufs/).fill(name);
  await page.getByLabel('Vorlage').selectOption({ label: template });
  await page.getByRole('button', { name: 'Anlegen' }).click();
  await eventually(() => page.locator('h1.flow-name').innerText()).toBe(name);
  await eventually(() => page.getByTestId('save-status').getAttribute('data-status')).toBe('saved');
}

async function toList(): Promise<void> {
  await page.getByRole('link', { name: 'Anrufabläufe' }).click();
  await page.getByRole('heading', { name: 'Ihre Anrufabläufe' }).waitFor();
}

const openLinks = (name: string) => page.getByRole('link', { name: `Öffnen: ${name}`, exact: true });

describe('new flows from templates, blank and duplicated (real server)', () => {
  beforeAll(async () => {
    session = await openDesignerPage(30_000);
    page = session.page;
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  it('creates by name, as often as wanted, and never asks for an id', async () => {
    await page.goto(`${session.appUrl}/#/ablaeufe`);
    await logIn(page);
    await page.getByRole('heading', { name: 'Ihre Anrufabläufe' }).waitFor();
    expect(await page.getByText(/Kennung/).count()).toBe(0);
    // No name: a German sentence, not the browser's English validation bubble.
    await page.getByRole('button', { name: 'Anlegen' }).click();
    expect(await page.getByRole('alert').innerText()).toBe('Bitte geben Sie dem Anrufablauf einen Namen.');
    await shot(page, '31-new-flow-form');

    await createFlow('Praxis Dr. Müller', 'Arztpraxis');
    expect(await page.getByTestId('draft-state').innerText()).toBe('Entwurf – noch nie veröffentlicht');
    await toList();
    // The same template under the same name again: a second flow, no "id taken".
    await createFlow('Praxis Dr. Müller', 'Arztpraxis');
    await toList();
    await eventually(() => openLinks('Praxis Dr. Müller').count()).toBe(2);

    // Duplicate: a copy under "(Kopie)", opened at once.
    await page
      .getByRole('listitem')
      .filter({ has: openLinks('Praxis Dr. Müller') })
      .first()
      .getByRole('button', { name: 'Duplizieren' })
      .click();
    await eventually(() => page.locator('h1.flow-name').innerText()).toBe('Praxis Dr. Müller (Kopie)');
    await page.getByTestId('step-begruessung').waitFor();
    await toList();
    await eventually(() => openLinks('Praxis Dr. Müller (Kopie)').count()).toBe(1);
    // The e-mail choice has a line of its own, under the flow's actions, not run into „Duplizieren“.
    const row = page.getByRole('listitem').filter({ has: openLinks('Praxis Dr. Müller (Kopie)') });
    const mailChoice = row.getByText('E-Mail bei neuen Gesprächsnotizen');
    await mailChoice.waitFor();
    const actions = await row.getByRole('button', { name: 'Duplizieren' }).boundingBox();
    const choice = await mailChoice.boundingBox();
    expect(actions && choice && choice.y >= actions.y + actions.height - 1).toBe(true);
    await shot(page, '31-flow-list');
  }, 90_000);

  it('offers a German support desk', async () => {
    await createFlow('Hotline Software', 'Kundenservice');
    const greeting = page.getByTestId('step-begruessung');
    await eventually(() => greeting.innerText()).toContain('Begrüßung & Einwilligung');
    await page.getByTestId('step-begruessung').click();
    expect(
      await page
        .getByRole('textbox', { name: /KI-Hinweis|Hinweis/ })
        .first()
        .inputValue(),
    ).toContain('Kundenservice der Beispiel Software GmbH');
    await toList();
  }, 60_000);

  it('starts a blank flow with only the required steps, ready to publish', async () => {
    await createFlow('Mein Ablauf', 'Leerer Ablauf (nur die Pflichtschritte)');
    const cards = page.locator('.react-flow__node');
    await eventually(() => cards.count()).toBe(3);
    const titles = await page.locator('.react-flow__node .title').allInnerTexts();
    expect(titles.sort()).toEqual(['Begrüßung & Einwilligung', 'Verabschiedung', 'Weiterleitung ans Team']);
    // The demo organisation has transfer targets: the "no" already rings one, nothing is missing.
    await eventually(() => page.getByTestId('problems').innerText()).toContain('Keine Fehler');
    await shot(page, '31-blank-flow');
    await page.getByRole('toolbar').getByRole('button', { name: '✓ Veröffentlichen' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByRole('textbox').inputValue()).toBe('Erste Version');
    await dialog.getByRole('button', { name: /Jetzt veröffentlichen/ }).click();
    await eventually(() => page.getByTestId('draft-state').innerText()).toBe('Veröffentlicht (Version 1)');
  }, 60_000);

  it('goes from a template to a published, changed and compared flow without showing one id', async () => {
    await toList();
    await createFlow('Praxis Sonnenschein', 'Arztpraxis');
    const call = await ownerApi(session.server.url);
    type Flows = { flows: { id: string; slug: string; name: string }[] };
    const flow = (await call<Flows>('GET', '/api/flows')).flows.find(
      (f) => f.name === 'Praxis Sonnenschein',
    )!;
    const { document: doc } = await call<{ document: Parameters<typeof idsOf>[0] }>(
      'GET',
      `/api/flows/${flow.id}/draft`,
    );
    const ids = idsOf(doc).add(flow.slug);
    expect(ids.size).toBeGreaterThan(20);
    const seen: string[] = [];
    const scan = async (where: string) => {
      for (const id of await visibleIds(page, ids)) seen.push(`${where}: ${id}`);
    };

    await scan('editor');
    await page.getByTestId('step-personalien').click();
    await scan('inspector');
    const closedText = page.getByRole('textbox', { name: 'Text der Ansage' });
    await page.getByTestId('step-geschlossen').click();
    await closedText.waitFor();
    await closedText.fill('Wir sind gleich wieder da.');
    await eventually(() => page.getByTestId('save-status').getAttribute('data-status')).toBe('saved');
    await page.getByRole('toolbar').getByRole('button', { name: '✓ Veröffentlichen' }).click();
    await page
      .getByRole('dialog')
      .getByTestId('publish-changes')
      .waitFor({ state: 'detached' })
      .catch(() => {});
    await scan('publish dialog');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /Jetzt veröffentlichen/ })
      .click();
    await eventually(() => page.getByTestId('draft-state').innerText()).toBe('Veröffentlicht (Version 1)');
    await page.getByRole('textbox', { name: 'Text der Ansage' }).fill('Wir sind ab Montag wieder da.');
    await eventually(() => page.getByTestId('draft-state').innerText()).toContain('1 Änderung');
    await page.getByTestId('draft-state').click();
    await eventually(() => page.getByTestId('diff').getByRole('listitem').count()).toBe(1);
    await scan('comparison');
    await page.getByRole('toolbar').getByRole('button', { name: '✓ Veröffentlichen' }).click();
    await page.getByRole('dialog').getByTestId('publish-changes').waitFor();
    await scan('publish dialog with changes');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /Jetzt veröffentlichen/ })
      .click();
    await eventually(() => page.getByTestId('draft-state').innerText()).toBe('Veröffentlicht (Version 2)');
    await page
      .getByTestId('version-1')
      .getByRole('button', { name: /wiederherstellen/ })
      .click();
    await page.getByRole('alertdialog').getByTestId('rollback-changes').waitFor();
    await scan('rollback confirmation');
    await page.getByRole('alertdialog').getByRole('button', { name: 'Abbrechen' }).click();
    await toList();
    await scan('flow list');
    await shot(page, '31-no-ids');
    expect(seen.join('\n')).toBe('');
  }, 90_000);

  it('says the same in English (en-US)', async () => {
    await inEnglish(
      session,
      `#/ablaeufe`,
      async (en) => {
        await en.getByRole('button', { name: 'Create' }).click();
        expect(await en.getByRole('alert').innerText()).toBe('Please give the call flow a name.');
        const labels = await en.getByLabel('Template').locator('option').allInnerTexts();
        expect(labels).toEqual([
          "Doctor's office",
          'Law firm',
          'Support desk (German)',
          'Support desk (English)',
          'Blank flow (only the required steps)',
        ]);
        await en.getByLabel(/Name of the call flow/).fill('Miller practice');
        await en.getByRole('button', { name: 'Create' }).click();
        await eventually(() => en.locator('h1.flow-name').innerText()).toBe('Miller practice');
      },
      30_000,
    );
  }, 60_000);
});
