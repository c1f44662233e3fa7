// Keyboard and screen readers (issue 23, item 3): no serious or critical axe-core findings on the
// editor, its settings and the inbox; and a practice manager who does not use a mouse gets from
// the flow list to a published change — skip link, a new step, „Verbinden mit …" in three key
// presses, a connection removed and restored, publishing — hearing what happened.
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, openDesigner, type DesignerSession } from './app-proxy';
import { seriousViolations } from './axe';
import { ownerApi } from './owner-api';

let session: DesignerSession;
let context: BrowserContext;
let page: Page;
let flowId = '';

const eventually = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000, interval: 100 });

/** Presses Tab (or Shift+Tab) until `target` has the focus; how many presses it took. */
async function tabTo(target: Locator, { back = false, max = 80 } = {}): Promise<number> {
  for (let n = 1; n <= max; n++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return n;
  }
  throw new Error(`not reached by ${max} × ${back ? 'Shift+Tab' : 'Tab'}`);
}

/** What a screen reader calls the focused element (a card names itself by hidden text). */
const focusedName = () =>
  page.evaluate(() => {
    const el = document.activeElement!;
    const by = el.getAttribute('aria-labelledby');
    return by ? document.getElementById(by)!.textContent : (el.getAttribute('aria-label') ?? el.textContent);
  });

const card = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const said = () => page.getByTestId('announcement').innerText();

/** Presses keys one by one, counting them. */
async function press(...keys: string[]): Promise<number> {
  for (const k of keys) await page.keyboard.press(k);
  return keys.length;
}

describe('keyboard and screen readers (real server)', () => {
  beforeAll(async () => {
    session = await openDesigner();
    // Only this test context may run axe's injected script past the designer's CSP.
    context = await session.page
      .context()
      .browser()!
      .newContext({ viewport: { width: 1400, height: 900 }, locale: 'de-DE', bypassCSP: true });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const call = await ownerApi(session.server.url);
    const { flows } = await call<{ flows: { id: string; slug: string }[] }>('GET', '/api/flows');
    flowId = flows.find((f) => f.slug === 'arztpraxis')!.id;
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await session?.close();
  });

  it('has no serious or critical axe findings in the editor, its settings and the inbox', async () => {
    await page.goto(`${session.appUrl}/#/ablaeufe/${flowId}`);
    await logIn(page);
    await page.locator('.canvas[data-view="ready"]').waitFor();
    await page.getByTestId('step-geschlossen').click();
    await page.getByRole('textbox', { name: 'Text der Ansage' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('tab', { name: 'Einstellungen' }).click();
    await page.getByRole('tabpanel').getByText('Aufbewahrung').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Posteingang' }).click();
    await page.getByRole('heading', { name: 'Posteingang' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  }, 90_000);
  it('takes a keyboard-only user from the flow list to a published change', async () => {
    await page.goto(`${session.appUrl}/#/ablaeufe`);
    await page.getByRole('heading', { name: 'Anrufabläufe' }).waitFor();
    await tabTo(page.getByRole('link', { name: 'Öffnen: Hausarztpraxis Dr. Beispiel' }));
    await page.keyboard.press('Enter');
    await page.locator('.canvas[data-view="ready"]').waitFor();

    // The skip link is the second stop; it lands on the start step, named in German.
    expect(
      await tabTo(page.getByRole('button', { name: 'Zur Arbeitsfläche' }), { max: 2 }),
    ).toBeLessThanOrEqual(2);
    await page.keyboard.press('Enter');
    expect(await focusedName()).toBe(
      'Begrüßung & Einwilligung, Schritt „Begrüßung & Einwilligung“, Anfang des Anrufs',
    );

    // Cards are the canvas' Tab stops (no connections in between): select „Praxis geschlossen".
    await tabTo(card('geschlossen'), { max: 20 });
    await page.keyboard.press('Enter');
    await eventually(() => card('geschlossen').getAttribute('class')).toContain('selected');

    // A new announcement from the palette; it is selected and gets connected in three presses.
    const palette = page.getByRole('navigation', { name: 'Schritte hinzufügen' });
    await tabTo(palette.getByRole('button', { name: /Ansage/ }), { back: true });
    await page.keyboard.press('Enter');
    const added = page.locator('.react-flow__node.selected');
    const addedId = (await added.getAttribute('data-id'))!;
    expect(addedId).not.toBe('geschlossen');
    const toPerson = await press('v', 'A', 'Enter');
    expect(toPerson).toBeLessThanOrEqual(5);
    await eventually(said).toBe('Ansage (weiter) führt jetzt zu Angaben zur Person.');
    expect(await page.getByTestId('connect-dialog').count()).toBe(0);

    // The dialog hands the focus back to the card. From there the inspector's own „weiter mit"
    // list is fewer Tab presses away than the 66 of issue 23 (connections are no Tab stops).
    expect(await card(addedId).evaluate((el) => el === document.activeElement)).toBe(true);
    const toExitList = await tabTo(page.getByRole('tabpanel').getByRole('combobox', { name: /weiter mit$/ }));
    console.log(`Tab presses from the new step to its „weiter mit" list: ${toExitList}`);
    expect(toExitList).toBeLessThan(66);

    // Its title and text in the inspector.
    await tabTo(page.getByRole('textbox', { name: 'Titel' }), { back: true });
    await page.keyboard.type('Urlaubshinweis');
    await tabTo(page.getByRole('textbox', { name: 'Text der Ansage' }));
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Die Praxis ist bis Montag im Urlaub.');

    // „Praxis geschlossen" now leads to it: select, V, U, Enter.
    await tabTo(card('geschlossen'), { back: true });
    const presses = await press('Enter', 'v', 'U', 'Enter');
    expect(presses).toBeLessThanOrEqual(5);
    await eventually(said).toBe('Praxis geschlossen (weiter) führt jetzt zu Urlaubshinweis.');
    expect(
      await page
        .locator('[aria-label="Verbindung von Praxis geschlossen (weiter) nach Urlaubshinweis"]')
        .count(),
    ).toBe(1);

    // Removing a connection by keyboard, heard; Ctrl+Z brings it back, heard too.
    await page.keyboard.press('v');
    const dialog = page.getByTestId('connect-dialog');
    await dialog.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await tabTo(dialog.getByRole('button', { name: 'Verbindung entfernen' }), { max: 4 });
    await page.keyboard.press('Enter');
    await eventually(said).toBe('Verbindung von Praxis geschlossen (weiter) entfernt.');
    await page.keyboard.press('ControlOrMeta+Z');
    await eventually(said).toBe('Praxis geschlossen (weiter) führt jetzt zu Urlaubshinweis.');
    await eventually(() => page.getByTestId('save-status').getAttribute('data-status')).toBe('saved');

    // Publishing: the dialog takes the focus, Enter publishes, and it is said.
    await tabTo(page.getByRole('toolbar').getByRole('button', { name: '✓ Veröffentlichen' }), { back: true });
    await page.keyboard.press('Enter');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /Jetzt veröffentlichen/ })
      .waitFor();
    await page.keyboard.press('Enter');
    await eventually(said).toBe('Veröffentlicht: Anrufende hören jetzt Version 2.');
    await eventually(() => page.getByTestId('draft-state').innerText()).toBe('Veröffentlicht (Version 2)');
  }, 120_000);
  it('names cards and connections in English too (en-US)', async () => {
    const en = await context
      .browser()!
      .newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
    try {
      const p = await en.newPage();
      p.setDefaultTimeout(10_000);
      await p.goto(`${session.appUrl}/#/ablaeufe/${flowId}`);
      await p.getByRole('button', { name: 'English' }).click();
      await logIn(p);
      await p.locator('.canvas[data-view="ready"]').waitFor();
      const edge = p.locator('.react-flow__edge[data-id="geschlossen>next"]');
      await edge.waitFor({ state: 'attached' });
      expect(await edge.getAttribute('aria-label')).toBe(
        'Connection from Praxis geschlossen (next) to Urlaubshinweis',
      );
      expect(await edge.getAttribute('aria-roledescription')).toBe('Connection');
      const start = p.locator('.react-flow__node[data-id="begruessung"]');
      expect(await start.getAttribute('aria-roledescription')).toBe('Step');
      expect(await p.locator('#step-name-begruessung').textContent()).toMatch(/, call starts here$/);
      await p.getByRole('button', { name: 'Skip to the canvas' }).waitFor({ state: 'attached' });
    } finally {
      await en.close();
    }
  }, 60_000);
});
