// The designer as a new user meets it, in Debian's chromium against the real server: log in,
// create a flow from the doctor's-office template, edit it, see compliance problems come and
// go, run a test call, publish, read the diff, switch to zero persistence, export JSON.
// Screenshots of every major screen go to test-results/screenshots/ (not committed).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser';
import { buildDesigner } from './build';
import { publishFromToolbar, rollBackTo } from './publish-steps';
import { ADMIN, startServer, type RunningServer } from './server';

const ROOT = join(__dirname, '../..');
const SHOTS = join(ROOT, 'test-results/screenshots');

let server: RunningServer | undefined;
let closeBrowser: (() => Promise<void>) | undefined;
let page: Page;
const pageErrors: string[] = [];

const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });

/** Drags a line from one handle to another, as a user does with the mouse. */
async function drag(from: Locator, to: Locator): Promise<void> {
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error('handle not visible');
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
}

/**
 * Draws a connection; at fit-to-screen zoom the handles are small, so a missed drop is retried.
 * A drop that landed shows its edge — at once on a quiet machine, later on a busy one — so each
 * attempt waits patiently for it (the edge id is fixed: a late first drop is never doubled).
 */
async function connect(from: Locator, to: Locator, edgeId: string): Promise<void> {
  const edge = page.getByTestId(`rf__edge-${edgeId}`);
  for (let attempt = 1; ; attempt++) {
    await drag(from, to);
    const attached = await edge.waitFor({ state: 'attached', timeout: 5000 }).then(
      () => true,
      () => false,
    );
    if (attached) return;
    if (attempt === 3) throw new Error(`no edge ${edgeId} after ${attempt} drags`);
  }
}

/**
 * Waits until the canvas stops moving: "Alles zeigen" animates for 300 ms, so the view counts as
 * settled once it has not changed for longer than that. (Should a starved browser start the
 * animation later still, connect() reads the handles again on its next attempt.)
 */
async function viewportSettled(): Promise<void> {
  const transform = () =>
    page.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);
  let last = await transform();
  let since = Date.now();
  await eventually(async () => {
    const now = await transform();
    if (now !== last) [last, since] = [now, Date.now()];
    return Date.now() - since > 400;
  }).toBe(true);
}

/** Controls without an accessible name (label, aria-label, text or title), described for the failure message. */
const UNLABELLED = `[...document.querySelectorAll('button, input:not([type=hidden]), select, textarea')]
  .filter((el) => !(el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || (el.labels && el.labels.length) || el.textContent.trim() || el.getAttribute('title')))
  .map((el) => el.outerHTML.slice(0, 120))`;
const unlabelled = async () => (await page.evaluate(UNLABELLED)) as string[];

/** expect.poll with patience: under CI load a step can take seconds (vitest's default is 1 s). */
const eventually = <T>(fn: () => Promise<T> | T, opts: { timeout?: number } = {}) =>
  expect.poll(fn, { timeout: opts.timeout ?? 15_000, interval: 100 });

const step = (id: string) => page.getByTestId(`step-${id}`);
const problems = () => page.getByTestId('problems');
const saved = () =>
  eventually(() => page.getByTestId('save-status').getAttribute('data-status'), { timeout: 10_000 }).toBe(
    'saved',
  );

describe('designer in the browser (real server)', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    buildDesigner(ROOT);
    server = await startServer();
    const b = await launchBrowser();
    closeBrowser = b.close;
    const browser: Browser = b.browser;
    const context = await browser.newContext({
      viewport: { width: 1600, height: 1000 },
      acceptDownloads: true,
      locale: 'de-DE',
    });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // A weekday morning in Berlin: the practice is open (the test call takes the "open" path).
    await page.clock.setFixedTime(new Date('2026-11-25T09:00:00Z'));
  }, 150_000);

  afterAll(async () => {
    await closeBrowser?.();
    await server?.stop();
  });

  it('walks through the done-when list as a new user', async () => {
    page.setDefaultTimeout(10_000);
    try {
      await walkThrough();
    } catch (e) {
      await shot('failure').catch(() => undefined);
      throw e;
    }
  }, 110_000);
});

async function walkThrough(): Promise<void> {
  {
    // Log in.
    await page.goto(server!.url);
    await eventually(() => page.getByRole('heading', { name: 'Anmelden' }).isVisible()).toBe(true);
    await shot('01-login');
    await page.getByLabel('E-Mail-Adresse').fill(ADMIN.email);
    await page.getByLabel('Passwort').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
    await page.getByRole('heading', { name: 'Ihre Anrufabläufe' }).waitFor();
    await page.getByText('Hausarztpraxis Dr. Beispiel').first().waitFor();
    await shot('02-flow-list');

    // New flow from the doctor's-office template.
    await page.getByLabel('Vorlage').selectOption('arztpraxis');
    await page.getByLabel(/Name des Anrufablaufs/).fill('Praxis Probe');
    await page.getByRole('button', { name: 'Anlegen' }).click();
    await step('begruessung').waitFor();
    await saved();
    await eventually(() => problems().getAttribute('data-revision')).not.toBe('-1');
    expect(await problems().locator('li.error').count()).toBe(0);
    await shot('03-editor');

    // Add a detail to the "personalien" questions via the inspector.
    await step('personalien').click();
    await page.getByRole('tab', { name: 'Schritt' }).click();
    await page.getByRole('button', { name: 'Angabe hinzufügen' }).click();
    await page.getByLabel('Bezeichnung').last().fill('Versichertennummer');
    await page.getByLabel('Frage', { exact: true }).last().fill('Wie lautet Ihre Versichertennummer?');
    await eventually(() => step('personalien').innerText()).toContain('Versichertennummer');
    // A practice under professional secrecy: the new detail is not readable by the AI until someone decides so.
    expect(await page.getByLabel('Darf vom Sprachverständnis (KI) gelesen werden').last().isChecked()).toBe(
      false,
    );
    await eventually(() => page.getByTestId('privacy-sheet').innerText()).toContain('Versichertennummer');
    await shot('04-inspector-intake');

    // A new keyword branch, connected on the canvas.
    await page.getByTestId('palette-branch').click();
    await step('weiche').waitFor();
    await page.getByLabel('Stichwörter (durch Komma getrennt)').first().fill('Impfung, impfen');
    await page.getByRole('button', { name: 'Alles zeigen' }).click();
    await viewportSettled(); // handle positions are read for the drag: not while the view still moves
    await shot('05a-before-drag');
    const target = step('abschluss').locator('.react-flow__handle.target');
    await connect(step('weiche').locator('[data-handleid="termin"]'), target, 'weiche>termin');
    await connect(step('weiche').locator('[data-handleid="default"]'), target, 'weiche>default');
    await eventually(() => problems().locator('li.error').count()).toBe(0);
    await shot('05-branch-connected');

    // Automatic layout (elkjs, loaded on demand under the strict CSP) moves the new step into the flow.
    // (The card's own transform is its position in the flow; zooming does not change it.)
    const placed = () =>
      page
        .locator('.react-flow__node[data-id="weiche"]')
        .evaluate((el) => (el as HTMLElement).style.transform);
    const before = await placed();
    await page.getByRole('button', { name: 'Automatisch anordnen' }).click();
    await eventually(placed, { timeout: 20_000 }).not.toBe(before);
    await page.keyboard.press('Control+z');
    await eventually(placed).toBe(before);
    expect(await problems().locator('li.error').count()).toBe(0);

    // Bypass the consent: the call would start with the questions → compliance problem.
    await step('personalien').click();
    await page.getByRole('button', { name: '▶ Anruf hier beginnen lassen' }).click();
    const consentProblem = problems().locator('li.error[data-code^="consent."]');
    await eventually(() => consentProblem.count()).toBeGreaterThan(0);
    await eventually(() => step('personalien').locator('.badge.error').count()).toBe(1);
    await shot('06-consent-problem');
    await consentProblem.first().getByRole('button').click();
    await page.keyboard.press('Control+z');
    await eventually(() => consentProblem.count()).toBe(0);

    // Test call: consent, a question, then the emergency keyword.
    await page.getByRole('tab', { name: 'Probeanruf' }).click();
    await page.getByRole('button', { name: /Probeanruf starten/ }).click();
    const chat = page.getByTestId('test-chat');
    await eventually(() => chat.innerText()).toContain('KI-Assistent');
    await eventually(() => step('begruessung').getAttribute('class')).toContain('active');
    const input = page.getByPlaceholder('Als anrufende Person antworten');
    for (const text of ['Ja', 'Erika Mustermann', 'Ich habe Schmerzen in der Brust']) {
      await input.fill(text);
      await input.press('Enter');
    }
    await page.getByRole('button', { name: 'niemand nimmt ab' }).click();
    // Nobody answers: the urgent callback secures a number first (a test call has no caller ID).
    await eventually(() => chat.innerText()).toContain('Unter welcher Telefonnummer');
    for (const text of ['0171 1234567', 'ja']) {
      await input.fill(text);
      await input.press('Enter');
    }
    const note = page.getByTestId('call-note');
    await note.waitFor();
    expect(await page.getByTestId('note-flags').innerText()).toContain('möglicher Notfall');
    expect(await page.getByTestId('note-priority').innerText()).toBe('dringend');
    expect(await note.innerText()).toContain('Erika Mustermann');
    await shot('07-test-call');

    // Publish version 1.
    await publishFromToolbar(page, 'Versichertennummer und Impf-Weiche');
    await page.getByText('Version 1 veröffentlicht.').waitFor();

    // Zero persistence: the privacy sheet changes with it.
    const retention = page.getByTestId('privacy-retention');
    expect(await retention.innerText()).toContain('7 Tage');
    await page.getByRole('tab', { name: 'Einstellungen' }).click();
    await page.getByLabel('Ohne Speicherung (nur Arbeitsspeicher)').check();
    await eventually(() => retention.innerText()).toMatch(/ohne Speicherung/i);
    // This server has no zero retention at ElevenLabs: the settings say what the vendor keeps.
    expect(await page.getByTestId('zero-retention-warning').innerText()).toContain(
      'ElevenLabs speichert die Texte der Ansagen',
    );
    // Without storage the inbox is volatile: one sentence says what that means, and it is no error.
    expect(await page.getByTestId('volatile-inbox').innerText()).toContain('nur im Arbeitsspeicher');
    // This practice delivers to its own system instead.
    await page.getByLabel('In den Posteingang').uncheck();
    await page.getByLabel('Webhook-Adresse (https)').fill('https://praxis.example.org/callflow');
    await eventually(() => problems().locator('li.error').count()).toBe(0);
    await shot('08-settings-zero-persistence');

    // Version 2 and its readable diff, changed steps highlighted.
    await step('geschlossen').click();
    await page.getByRole('tab', { name: 'Schritt' }).click();
    await page
      .getByRole('textbox', { name: 'Text der Ansage' })
      .fill('Die Praxis ist gerade geschlossen. Ich nehme gern Ihre Nachricht auf.');
    await publishFromToolbar(page, 'Ohne Speicherung');
    await page.getByText('Version 2 veröffentlicht.').waitFor();
    await page.getByRole('tab', { name: 'Versionen' }).click();
    await page
      .getByTestId('version-2')
      .getByRole('button', { name: /Unterschiede/ })
      .click();
    const diff = page.getByTestId('diff');
    await eventually(() => diff.locator('li').count()).toBeGreaterThan(0);
    expect(await diff.innerText()).toMatch(/Speicherung|zeroPersistence|Arbeitsspeicher/i);
    await eventually(() => step('geschlossen').getAttribute('class')).toContain('changed');
    await page.getByTestId('version-1').waitFor();
    await shot('09-versions-diff');

    // Export JSON: exactly what `callflow fmt` writes.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-json').click(),
    ]);
    const file = join(ROOT, 'test-results', 'praxis-probe.flow.json');
    await download.saveAs(file);
    const exported = JSON.parse(readFileSync(file, 'utf8')) as {
      settings: { zeroPersistence: boolean };
      nodes: Record<string, unknown>;
    };
    expect(exported.settings.zeroPersistence).toBe(true);
    expect(Object.keys(exported.nodes)).toContain('weiche');
    execFileSync(process.execPath, [join(ROOT, 'bin/callflow.js'), 'fmt', '--check', file], {
      cwd: ROOT,
      stdio: 'pipe',
    });

    // Roll back to version 1: the draft has storage again, and the rollback is version 3.
    await rollBackTo(page, 1);
    await page.getByTestId('version-3').waitFor();
    await eventually(() => retention.innerText()).toContain('7 Tage');

    // Bind the demo's phone number (assigned on first start) to the published flow.
    await page.getByRole('link', { name: 'Rufnummern', exact: true }).click();
    await page.getByLabel(/Rufnummer \(z\. B\./).fill('+493023125000');
    await page.getByLabel('Anrufablauf').selectOption({ label: 'Praxis Probe' });
    await page.getByRole('button', { name: 'Zuordnen' }).click();
    await eventually(() => page.getByTestId('number-+493023125000').innerText()).toContain('Praxis Probe');
    await shot('10-numbers');
    await page.getByRole('link', { name: 'Anrufabläufe' }).click();
    await page.getByRole('link', { name: 'Öffnen: Praxis Probe' }).click();
    await step('begruessung').waitFor();

    // English on request.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('tab', { name: 'Test call' }).waitFor();
    await shot('11-editor-english');
    // Every control has a name a screen reader can announce, on every tab of the editor.
    for (const tab of ['Step', 'Settings', 'Keywords', 'Test call', 'Versions']) {
      await page.getByRole('tab', { name: tab }).click();
      expect(await unlabelled()).toEqual([]);
    }
    expect(pageErrors).toEqual([]);
  }
}
