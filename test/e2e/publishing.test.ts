// Draft vs. live and safe rollback, as a practice manager meets them: the toolbar always says
// whether callers hear the draft, „Veröffentlichen" is right there with the changes in words and
// a prefilled note, any two states can be compared (also the draft), the flow list shows both
// states, and a rollback asks first, says what changes, keeps undo and leaves no stale message.
// German, then one run in English. Screenshots: test-results/screenshots/30-*.png.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, type DesignerSession } from './app-proxy';
import { demoPractice, eventually, inEnglish, openDesignerPage, shot } from './designer-page';
const CLOSED_V2 = 'Die Praxis ist heute geschlossen. Wir rufen Sie gern zurück.';
const CLOSED_DRAFT = 'Die Praxis ist gerade im Urlaub.';

let session: DesignerSession;
let page: Page;
let flowId = '';

const state = () => page.getByTestId('draft-state').innerText();

/** Types a new announcement into the "Praxis geschlossen" step and waits until it is saved. */
async function changeClosedText(text: string): Promise<void> {
  const closedText = page.getByRole('textbox', { name: 'Text der Ansage' });
  await page.getByTestId('step-geschlossen').click();
  await closedText.waitFor();
  await closedText.fill(text);
  await eventually(() => page.getByTestId('save-status').getAttribute('data-status')).toBe('saved');
}

describe('draft vs. live, publishing and rollback (real server)', () => {
  beforeAll(async () => {
    session = await openDesignerPage();
    page = session.page;
    flowId = (await demoPractice(session)).practiceId;
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  it('publishes from the toolbar with the changes listed and the note prefilled', async () => {
    await page.goto(`${session.appUrl}/#/ablaeufe/${flowId}`);
    await logIn(page);
    // The demo flow starts published; nothing differs, so there is nothing to publish.
    await eventually(state).toBe('Veröffentlicht (Version 1)');
    const publishButton = page.getByRole('toolbar').getByRole('button', { name: '✓ Veröffentlichen' });
    expect(await publishButton.isDisabled()).toBe(true);

    // An edit: the state says so at once, and the message about version 1 is gone.
    await changeClosedText(CLOSED_V2);
    await eventually(state).toBe('Entwurf – 1 Änderung, nicht veröffentlicht');
    expect(await publishButton.isDisabled()).toBe(false);

    // The flow list shows both states.
    await page.getByRole('link', { name: 'Anrufabläufe' }).click();
    const row = page.getByRole('listitem').filter({ hasText: 'Hausarztpraxis Dr. Beispiel' }).first();
    await eventually(() => row.getByTestId('flow-state').innerText()).toBe(
      'Veröffentlicht (Version 1) · Entwurf mit 1 unveröffentlichten Änderung',
    );
    await shot(page, '30-flow-list-states');
    await page.goBack();

    // The dialog lists the change in words, by the step's title, and the note starts from it.
    await publishButton.click();
    const dialog = page.getByRole('dialog');
    const changes = dialog.getByTestId('publish-changes').getByRole('listitem');
    await eventually(() => changes.count()).toBe(1);
    expect(await changes.innerText()).toContain('Praxis geschlossen');
    expect(await dialog.getByRole('textbox').inputValue()).toContain('Praxis geschlossen');
    // An empty note is explained, not just a grey button.
    await dialog.getByRole('textbox').fill('');
    expect(await dialog.innerText()).toContain('Bitte schreiben Sie kurz, was sich geändert hat');
    await shot(page, '30-publish-dialog');
    await dialog.getByRole('textbox').fill('Neue Ansage bei geschlossener Praxis');
    await dialog.getByRole('button', { name: /Jetzt veröffentlichen/ }).click();
    await eventually(state).toBe('Veröffentlicht (Version 2)');
    expect(await page.getByTestId('version-notice').innerText()).toBe('Version 2 veröffentlicht.');
    // The message is true until the next edit, then it goes.
    await changeClosedText(CLOSED_DRAFT);
    await eventually(() => page.getByTestId('version-notice').count()).toBe(0);
  }, 90_000);

  it('compares any two states, also the draft, by address', async () => {
    await changeClosedText(CLOSED_DRAFT);
    // The toolbar state links to "live vs. draft".
    await page.getByTestId('draft-state').click();
    // The selected step stays in the address behind the comparison (`?schritt=`).
    const address = () => new URL(page.url()).hash.split('?')[0];
    await eventually(address).toBe(`#/ablaeufe/${flowId}/versionen/vergleich/2/entwurf`);
    const diff = page.getByTestId('diff');
    await eventually(() => diff.innerText()).toContain('Version 2 (veröffentlicht) → Entwurf');
    expect(await diff.getByRole('listitem').count()).toBe(1);
    expect(await page.getByTestId('step-geschlossen').getAttribute('class')).toContain('changed');

    // Any two: version 1 with the draft, picked in the lists; the address survives a reload.
    await page.getByLabel('Vergleichen:').selectOption({ label: 'Version 1' });
    await page.getByLabel('mit', { exact: true }).selectOption({ label: 'Entwurf' });
    await page.getByRole('button', { name: 'Vergleichen', exact: true }).click();
    await eventually(address).toBe(`#/ablaeufe/${flowId}/versionen/vergleich/1/entwurf`);
    await page.reload();
    await eventually(() => diff.innerText()).toContain('Version 1 → Entwurf');
    await eventually(() => diff.getByRole('listitem').count()).toBe(1);
    await shot(page, '30-compare-draft');
  }, 60_000);

  it('rolls back only after a confirmation that says what changes, and keeps undo', async () => {
    await page
      .getByTestId('version-1')
      .getByRole('button', { name: /wiederherstellen/ })
      .click();
    const confirm = page.getByRole('alertdialog');
    // What callers will hear differently, and that the unpublished draft edit is replaced.
    await eventually(() => confirm.getByTestId('rollback-changes').innerText()).toContain(
      'Praxis geschlossen',
    );
    expect(await confirm.innerText()).toContain('1 unveröffentlichte Änderung');
    expect(await confirm.innerText()).toContain('Rückgängig');
    await shot(page, '30-rollback-confirm');
    // Nothing happens without the "yes".
    await confirm.getByRole('button', { name: 'Abbrechen' }).click();
    expect(await page.getByTestId('version-3').count()).toBe(0);

    await page
      .getByTestId('version-1')
      .getByRole('button', { name: /wiederherstellen/ })
      .click();
    await confirm.getByRole('button', { name: 'Ja, Version 1 wiederherstellen' }).click();
    await eventually(state).toBe('Veröffentlicht (Version 3)');
    expect(await page.getByTestId('version-notice').innerText()).toBe(
      'Version 3 ist jetzt live (Stand von Version 1).',
    );
    // The new version's note is German, and no message of an earlier publish is left on screen.
    expect(await page.getByTestId('version-3').innerText()).toContain(
      'Zurückgesetzt auf den Stand von Version 1',
    );
    expect(await page.getByText('Version 2 veröffentlicht.').count()).toBe(0);

    // Undo brings back the draft as it was before the rollback (and saves it).
    await page.getByRole('button', { name: /Rückgängig/ }).click();
    const closedText = page.getByRole('textbox', { name: 'Text der Ansage' });
    await page.getByTestId('step-geschlossen').click();
    await closedText.waitFor();
    await eventually(() => closedText.inputValue()).toBe(CLOSED_DRAFT);
    await eventually(state).toBe('Entwurf – 1 Änderung, nicht veröffentlicht');
    await eventually(() => page.getByTestId('save-status').getAttribute('data-status')).toBe('saved');
    expect(await page.getByTestId('version-notice').count()).toBe(0);
    await shot(page, '30-after-rollback-undo');
  }, 60_000);

  it('says the same in English (en-US)', async () => {
    await inEnglish(session, `#/ablaeufe/${flowId}`, async (en) => {
      await eventually(() => en.getByTestId('draft-state').innerText()).toBe(
        'Draft – 1 change, not published',
      );
      await en.getByRole('toolbar').getByRole('button', { name: '✓ Publish' }).click();
      const dialog = en.getByRole('dialog');
      await eventually(() => dialog.getByTestId('publish-changes').innerText()).toContain(
        'Praxis geschlossen',
      );
      await dialog.getByRole('button', { name: 'Publish now' }).click();
      await eventually(() => en.getByTestId('draft-state').innerText()).toBe('Published (version 4)');
      expect(await en.getByTestId('version-notice').innerText()).toBe('Version 4 published.');
    });
  }, 60_000);
});
