// Publishing and rolling back as a person does it in the designer: the toolbar's
// „Veröffentlichen", the dialog with the changes and a prefilled note, the rollback confirmation.
import type { Page } from 'playwright-core';

/** Publishes the open flow from the toolbar; `note` replaces the prefilled note. */
export async function publishFromToolbar(page: Page, note?: string): Promise<void> {
  await page
    .getByRole('toolbar')
    .getByRole('button', { name: /^✓ (Veröffentlichen|Publish)$/ })
    .click();
  const dialog = page.getByRole('dialog');
  if (note !== undefined) await dialog.getByRole('textbox').fill(note);
  await dialog.getByRole('button', { name: /Jetzt veröffentlichen|Publish now/ }).click();
  await dialog.waitFor({ state: 'detached' });
}

/** Rolls back to version `v` from the Versions tab (which must be open), confirming the dialog. */
export async function rollBackTo(page: Page, v: number): Promise<void> {
  await page
    .getByTestId(`version-${v}`)
    .getByRole('button', { name: /wiederherstellen|Restore/ })
    .click();
  const dialog = page.getByRole('alertdialog');
  await dialog
    .getByRole('button', { name: new RegExp(`Version ${v} wiederherstellen|restore version ${v}`) })
    .click();
  await dialog.waitFor({ state: 'detached' });
}
