// Names, not ids (issue 22, item 1), as a practice manager meets them: a flow from a template, a
// step, a detail and a keyword trigger renamed — their ids follow, seen only by opening „Für
// Integratoren“ — then published, renamed again, and the ids stay. No screen outside that area
// shows an id of the flow. Screenshots: test-results/screenshots/35-*.png.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDesigner, type DesignerSession } from './app-proxy';
import { clickStep } from './designer-page';
import { idsOf, visibleIds } from './id-scan';
import { ownerApi, type OwnerCall } from './owner-api';
import { publishFromToolbar } from './publish-steps';
import { ADMIN } from './server';

const SHOTS = join(__dirname, '../../test-results/screenshots');

let session: DesignerSession;
let page: Page;
let call: OwnerCall;

const eventually = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000, interval: 100 });
const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });

type Draft = Parameters<typeof idsOf>[0] & {
  humanEscape: { target: string };
  nodes: Record<string, { title?: string; field?: string }>;
};
async function draftOf(name: string): Promise<Draft> {
  const { flows } = await call<{ flows: { id: string; name: string }[] }>('GET', '/api/flows');
  const flow = flows.find((f) => f.name === name)!;
  return (await call<{ document: Draft }>('GET', `/api/flows/${flow.id}/draft`)).document;
}

/** The draft once the editor has saved it. */
async function draftOfSaved(): Promise<Draft> {
  await saved();
  return draftOf('Praxis Lindenhof');
}
const saved = () =>
  eventually(() => page.getByTestId('save-status').getAttribute('data-status')).toBe('saved');
const tab = (name: string) => page.getByRole('tab', { name, exact: true }).click();

/** The id shown in an „Für Integratoren“ area, after checking it was closed and opening it. */
async function integratorId(area: Locator): Promise<string> {
  expect(await area.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(false);
  await area.locator('summary').click();
  const id = await area.locator('code').first().innerText();
  await area.locator('summary').click();
  return id;
}
// The inspector of a step of that kind (a Titel field alone is in every step's inspector).
const transferForm = () => page.locator('section.inspector[aria-label="Weiterleitung an Mitarbeitende"]');
const questionsForm = () => page.locator('section.inspector[aria-label="Abfrage"]');
const stepArea = () => page.locator('section.inspector > details.for-integrators');
const fieldArea = (i: number) => page.getByTestId(`field-${i}`).locator('details.for-integrators');

describe('names, not ids (real server)', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    session = await openDesigner();
    page = session.page;
    page.setDefaultTimeout(30_000);
    call = await ownerApi(session.server.url);
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  it('ids follow names until the first publish, then stay; no screen shows one', async () => {
    await page.goto(`${session.appUrl}/#/ablaeufe`);
    await page.getByLabel(/E-?Mail/i).fill(ADMIN.email);
    await page.getByLabel(/Passwor/).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByLabel(/Name des Anrufablaufs/).fill('Praxis Lindenhof');
    await page.getByLabel('Vorlage').selectOption({ label: 'Arztpraxis' });
    await page.getByRole('button', { name: 'Anlegen' }).click();
    await eventually(() => page.locator('h1.flow-name').innerText()).toBe('Praxis Lindenhof');
    const original = await draftOf('Praxis Lindenhof');
    const seen: string[] = [];
    const scan = async (where: string, ids: ReadonlySet<string>) => {
      for (const id of await visibleIds(page, ids)) seen.push(`${where}: ${id}`);
    };

    // A step: its id follows its title, and the card and the „Mensch, bitte“ target with it.
    const title = page.getByRole('textbox', { name: 'Titel', exact: true });
    await clickStep(page, 'weiterleitung');
    await transferForm().waitFor();
    expect(await integratorId(stepArea())).toBe('weiterleitung');
    await stepArea().locator('summary').click();
    await eventually(() => stepArea().getByTestId('id-state').innerText()).toBe(
      'Die Kennung folgt dem Titel, bis der Ablauf zum ersten Mal veröffentlicht wird.',
    );
    await stepArea().locator('summary').click();
    await title.fill('Durchstellen zur Rezeption');
    await page.getByTestId('step-durchstellen-zur-rezeption').waitFor();
    expect(await integratorId(stepArea())).toBe('durchstellen-zur-rezeption');
    // One undo takes name and id back together, redo brings both again.
    await page.getByRole('button', { name: '↶ Rückgängig' }).click();
    await page.getByTestId('step-weiterleitung').waitFor();
    expect(await title.inputValue()).toBe('Weiterleitung an das Praxisteam');
    await page.getByRole('button', { name: '↷ Wiederholen' }).click();
    await page.getByTestId('step-durchstellen-zur-rezeption').waitFor();
    expect(await title.inputValue()).toBe('Durchstellen zur Rezeption');

    // A detail: its key follows its label, and the {placeholder} that speaks it.
    await clickStep(page, 'personalien');
    await questionsForm().waitFor();
    expect(await integratorId(fieldArea(0))).toBe('name');
    await page.getByTestId('field-0').getByRole('textbox', { name: 'Bezeichnung' }).fill('Vor- und Zuname');
    await eventually(() => fieldArea(0).locator('code').textContent()).toBe('vor_und_zuname');
    await shot('35-renamed-before-publish');

    // A keyword trigger in „Stichwörter“.
    await tab('Stichwörter');
    const trigger = page.locator('fieldset.trigger').first();
    await trigger.getByRole('textbox', { name: 'Bezeichnung' }).fill('Akuter Notfall');
    await eventually(() => trigger.locator('details.for-integrators code').textContent()).toBe(
      'akuter-notfall',
    );
    expect(
      await trigger.locator('details.for-integrators').evaluate((el) => (el as HTMLDetailsElement).open),
    ).toBe(false);
    await saved();
    const renamed = await draftOf('Praxis Lindenhof');
    expect(renamed.nodes['durchstellen-zur-rezeption']?.title).toBe('Durchstellen zur Rezeption');
    expect(renamed.nodes.weiterleitung).toBeUndefined();
    expect(renamed.humanEscape.target).toBe('durchstellen-zur-rezeption');
    expect(JSON.stringify(renamed.nodes)).toContain('{vor_und_zuname}');
    expect(renamed.triggers.map((t) => t.id)).toContain('akuter-notfall');
    await eventually(() => page.getByTestId('problems').innerText()).toContain('Keine Fehler');

    const ids = idsOf(original, renamed);
    expect(ids.size).toBeGreaterThan(20);
    await scan('Stichwörter', ids);
    await tab('Schritt');
    await scan('Schritt', ids);
    // Steps that read a detail name it by its label.
    const numberFrom = page.getByRole('combobox', { name: 'Angabe mit der Rückrufnummer' });
    await clickStep(page, 'rueckruf');
    await numberFrom.waitFor();
    expect(await numberFrom.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0].text)).toBe(
      'Rückrufnummer',
    );
    await scan('Rückrufwunsch', ids);
    const decidesOn = page.getByRole('combobox', { name: 'Oder: eine bereits erfragte Angabe prüfen' });
    await clickStep(page, 'art_des_anliegens');
    await decidesOn.waitFor();
    expect(await decidesOn.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0].text)).toBe(
      'Anliegen',
    );
    await scan('Weiche', ids);
    await clickStep(page, 'personalien');
    await questionsForm().waitFor();
    // The scan does see an id once „Für Integratoren“ is opened.
    await stepArea().locator('summary').click();
    expect(await visibleIds(page, ids)).toEqual(['personalien']);
    await stepArea().locator('summary').click();

    await publishFromToolbar(page);
    await eventually(() => page.getByTestId('draft-state').innerText()).toBe('Veröffentlicht (Version 1)');

    // Published: names still change, ids no longer — once the designer knows what was published.
    await clickStep(page, 'durchstellen-zur-rezeption');
    await transferForm().waitFor();
    await stepArea().locator('summary').click();
    await eventually(() => stepArea().getByTestId('id-state').innerText()).toBe(
      'Die Kennung ist veröffentlicht und bleibt fest: Schnittstellen, Auswertungen und Tests verwenden sie.',
    );
    await stepArea().locator('summary').click();
    await title.fill('Empfang');
    await clickStep(page, 'personalien');
    await questionsForm().waitFor();
    await page.getByTestId('field-0').getByRole('textbox', { name: 'Bezeichnung' }).fill('Name');
    await tab('Stichwörter');
    await page
      .locator('fieldset.trigger')
      .first()
      .getByRole('textbox', { name: 'Bezeichnung' })
      .fill('Notfall');
    await saved();
    await eventually(() => page.getByTestId('draft-state').innerText()).toContain('3 Änderungen');
    await scan('Stichwörter nach dem Veröffentlichen', ids);
    expect(
      await integratorId(page.locator('fieldset.trigger').first().locator('details.for-integrators')),
    ).toBe('akuter-notfall');
    await tab('Schritt');
    await clickStep(page, 'durchstellen-zur-rezeption');
    await transferForm().waitFor();
    expect(await title.inputValue()).toBe('Empfang');
    expect(await integratorId(stepArea())).toBe('durchstellen-zur-rezeption');
    await scan('Schritt nach dem Veröffentlichen', ids);
    await clickStep(page, 'personalien');
    await questionsForm().waitFor();
    expect(await integratorId(fieldArea(0))).toBe('vor_und_zuname');
    await shot('35-renamed-after-publish');

    const after = await draftOf('Praxis Lindenhof');
    expect(after.nodes['durchstellen-zur-rezeption']?.title).toBe('Empfang');
    expect(after.triggers.map((t) => t.id)).toContain('akuter-notfall');

    // The changes in words, the versions, the comparison with the draft and the flow list.
    await page.getByTestId('draft-state').click();
    await eventually(() => page.getByTestId('diff').getByRole('listitem').count()).toBe(3);
    await scan('Vergleich', ids);
    for (const name of ['Einstellungen', 'Wissen', 'Probeanruf', 'Auswertung', 'Versionen']) {
      await tab(name);
      await page.getByRole('tabpanel').waitFor();
      await scan(name, ids);
    }

    // A new step with open ways out: the checker's problems name it, never by its id.
    await tab('Schritt');
    await page.getByTestId('palette-branch').click();
    await page.getByTestId('step-weiche').waitFor();
    await eventually(() => page.getByTestId('problems').locator('li.error').count()).toBeGreaterThan(0);
    const withNew = idsOf(original, renamed, await draftOfSaved());
    expect(withNew).toContain('weiche');
    await scan('Prüfung', withNew);
    await shot('35-problems-by-name');
    await page.getByRole('link', { name: 'Anrufabläufe' }).click();
    await page.getByRole('heading', { name: 'Ihre Anrufabläufe' }).waitFor();
    await scan('Anrufabläufe', ids);
    expect(seen.join('\n')).toBe('');
  }, 180_000);
});
