// The privacy core in the designer, as the practice owner meets it: a live test call (through
// /simulate, like a phone call) lands in the Posteingang; the owner opens the Gesprächsnotiz,
// marks it done, deletes a second one by hand (with a confirm step), verifies the chain of
// Löschnachweise, downloads a Kontrollpunkt and verifies the chain against it. Screenshots go to
// test-results/screenshots/ (12-inbox, 13-note, 14-receipts).
//
// The designer is built into a temporary folder of its own and served by a small same-origin
// proxy (static files + /api forwarded to the real server): designer.test.ts may be rebuilding
// designer/dist at the same moment, and two builds emptying one folder would race.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDesigner, PRESCRIPTION_CALL, type DesignerSession } from './app-proxy';
import { ownerApi } from './owner-api';
import { ADMIN, type RunningServer } from './server';

const ROOT = join(__dirname, '../..');
const SHOTS = join(ROOT, 'test-results/screenshots');

let session: DesignerSession | undefined;
let server: RunningServer | undefined;
let page: Page;
let appUrl = '';

/** Controls without an accessible name (label, aria-label, text or title). */
const UNLABELLED = `[...document.querySelectorAll('button, input:not([type=hidden]), select, textarea')]
  .filter((el) => !(el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || (el.labels && el.labels.length) || el.textContent.trim() || el.getAttribute('title')))
  .map((el) => el.outerHTML.slice(0, 120))`;
const unlabelled = async () => (await page.evaluate(UNLABELLED)) as string[];

const eventually = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000, interval: 100 });
const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });

// Wednesday 10:00 in Berlin: the practice is open.
const AT = '2026-11-25T10:00:00+01:00';
const EMERGENCY = [
  { say: 'Ja' },
  { say: 'Peter Meier' },
  { say: 'Ich habe Schmerzen in der Brust' },
  { handoff: 'no-answer' },
  // Nobody answers: the urgent callback secures a number (asked, read back, confirmed).
  { say: 'null eins sieben eins, eins zwei drei vier fünf sechs sieben' },
  { say: 'ja' },
];

describe('Posteingang and Löschnachweise in the browser (real server)', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    session = await openDesigner();
    ({ server, appUrl, page } = session);
  }, 85_000);

  afterAll(async () => {
    await session?.close();
  });

  it('a live test call shows up as a note; done, deleted by hand, and the receipt chain verifies', async () => {
    page.setDefaultTimeout(10_000);
    const call = await ownerApi(server!.url);
    const { flows } = await call<{ flows: { id: string; slug: string }[] }>('GET', '/api/flows');
    const flow = flows.find((f) => f.slug === 'arztpraxis');
    expect(flow, `demo flows: ${flows.map((f) => f.slug).join(', ')}`).toBeDefined();
    type Sim = { outcome: string; live: { txId: string; stored: boolean } | null };
    const recipe = await call<Sim>('POST', `/api/flows/${flow!.id}/simulate`, {
      turns: PRESCRIPTION_CALL,
      at: AT,
      live: true,
    });
    const urgent = await call<Sim>('POST', `/api/flows/${flow!.id}/simulate`, {
      turns: EMERGENCY,
      at: AT,
      live: true,
    });
    expect(recipe.live?.stored).toBe(true);
    expect(urgent.live?.txId).toBeTruthy();

    try {
      await page.goto(appUrl);
      await page.getByLabel('E-Mail-Adresse').fill(ADMIN.email);
      await page.getByLabel('Passwort').fill(ADMIN.password);
      await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
      await page.getByRole('heading', { name: 'Ihre Anrufabläufe' }).waitFor();

      // The owner sees both entries; the inbox lists both notes, the urgent one marked.
      await page.getByRole('link', { name: 'Posteingang' }).click();
      const recipeRow = page.getByTestId(`note-${recipe.live!.txId}`);
      const urgentRow = page.getByTestId(`note-${urgent.live!.txId}`);
      await eventually(() => recipeRow.innerText()).toContain('Anna Schmidt');
      expect(await recipeRow.innerText()).toContain('Probeanruf');
      expect(await urgentRow.innerText()).toContain('dringend');
      expect(await recipeRow.innerText()).not.toContain('dringend');
      expect(await unlabelled()).toEqual([]);
      await shot('12-inbox');

      // Open the note: details with the flow's labels; "Erledigt" says the note is kept.
      await recipeRow.getByRole('link', { name: /Öffnen/ }).click();
      const detail = page.getByTestId('note-detail');
      await eventually(() => detail.innerText()).toContain('Geburtsdatum');
      expect(await page.getByTestId('note-txid').innerText()).toBe(recipe.live!.txId);
      expect(await page.getByTestId('note-field-geburtsdatum').innerText()).toContain('03.03.1980');
      expect(await detail.innerText()).toContain('Einwilligung');
      expect(await page.getByTestId('done-help').innerText()).toContain('bleibt');
      expect(await unlabelled()).toEqual([]);
      await shot('13-note');
      await page.getByRole('button', { name: /Erledigt/ }).click();
      await eventually(() => recipeRow.innerText()).toContain('erledigt');

      // Delete the urgent note by hand: a confirm step first, then it is gone.
      await urgentRow.getByRole('link', { name: /Öffnen/ }).click();
      await page.getByRole('button', { name: /Löschen/ }).click();
      await page.getByRole('alertdialog').waitFor();
      // Keyboard: the confirm step takes the focus on "Abbrechen"; Shift+Tab, Enter confirms.
      await eventually(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Abbrechen');
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Enter');
      await eventually(() => page.getByRole('status').innerText()).toContain('gelöscht');
      await eventually(() => urgentRow.count()).toBe(0);

      // The deletion left a receipt (reason "manuell"), and the chain verifies.
      await page.getByRole('link', { name: 'Löschnachweise' }).click();
      const receipt = page.getByTestId(`receipt-${urgent.live!.txId}`);
      await eventually(() => receipt.innerText()).toContain('manuell');
      await page.getByRole('button', { name: 'Kette prüfen' }).click();
      await eventually(() => page.getByTestId('chain-verdict').innerText()).toContain('Kette unversehrt');

      // Kontrollpunkte: one sentence why to keep them, a signed one to download, a check against it.
      expect(await page.getByTestId('checkpoints-why').innerText()).toContain('auch nicht vom Betreiber');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Kontrollpunkt herunterladen' }).click(),
      ]);
      const file = join(ROOT, 'test-results', 'kontrollpunkt-loeschnachweise.json');
      await download.saveAs(file);
      const kept = JSON.parse(readFileSync(file, 'utf8')) as { count: number; final: boolean };
      expect(kept).toMatchObject({ final: false });
      expect(kept.count).toBeGreaterThanOrEqual(1);
      expect(download.suggestedFilename()).toBe(`kontrollpunkt-loeschnachweise-${kept.count}.json`);
      await page.getByLabel('Mit aufbewahrten Kontrollpunkten prüfen').setInputFiles(file);
      await eventually(() => page.getByTestId('chain-verdict').innerText()).toContain(
        'Kontrollpunkte abgeglichen',
      );
      expect(await page.getByTestId('chain-verdict').innerText()).toContain('Kette unversehrt');
      expect(await unlabelled()).toEqual([]);
      await shot('14-receipts');
    } catch (e) {
      await shot('inbox-failure').catch(() => undefined);
      throw e;
    }
  }, 60_000);

  it('the test chat on the server, delivered like a real call, lands in the Posteingang', async () => {
    page.setDefaultTimeout(10_000);
    const call = await ownerApi(server!.url);
    const { flows } = await call<{ flows: { id: string; slug: string }[] }>('GET', '/api/flows');
    const flow = flows.find((f) => f.slug === 'arztpraxis')!;
    // The server mode runs the published version.
    await call('POST', `/api/flows/${flow.id}/versions`, { message: 'Probeanruf auf dem Server' });
    try {
      await page.getByRole('link', { name: 'Anrufabläufe' }).click();
      await page
        .getByRole('link', { name: /Öffnen: .*Hausarzt/ })
        .first()
        .click();
      await page.getByRole('tab', { name: 'Probeanruf' }).click();
      await page.getByLabel('auf dem Server (veröffentlichte Version)').check();
      await page.getByLabel('wie ein echter Anruf zustellen').check();
      // A Wednesday morning: the practice is open, so the emergency transfer rings.
      await page.getByLabel('Zeitpunkt des Probeanrufs').fill('2026-11-25T10:00');
      await page.getByRole('button', { name: /Probeanruf starten/ }).click();
      const chat = page.getByTestId('test-chat');
      await eventually(() => chat.innerText()).toContain('KI-Assistent');
      const input = page.getByPlaceholder('Als anrufende Person antworten');
      for (const text of ['Ja', 'Erika Mustermann', 'Ich habe Schmerzen in der Brust']) {
        await input.fill(text);
        await input.press('Enter');
        // Each step is a round trip: wait until the server has heard it.
        await eventually(() => chat.locator('li.caller').last().innerText()).toContain(text);
      }
      expect(await unlabelled()).toEqual([]);
      await page.getByRole('button', { name: 'niemand nimmt ab' }).click();
      // The urgent callback secures a number first (a test call has no caller ID).
      await eventually(() => chat.innerText()).toContain('Unter welcher Telefonnummer');
      for (const text of ['0171 1234567', 'ja']) {
        await input.fill(text);
        await input.press('Enter');
        await eventually(() => chat.locator('li.caller').last().innerText()).toContain(text);
      }
      await page.getByTestId('call-note').waitFor();
      expect(await page.getByTestId('note-priority').innerText()).toBe('dringend');
      const delivered = await page.getByTestId('chat-delivered').innerText();
      expect(delivered).toContain('Posteingang');
      const txId = /tx_[0-9a-f]+/.exec(delivered)?.[0];

      await page.getByRole('link', { name: 'Posteingang' }).click();
      const row = page.getByTestId('inbox').locator('tr', { hasText: 'Erika Mustermann' });
      await eventually(() => row.count()).toBe(1);
      expect(await row.innerText()).toContain('dringend');
      expect(await row.innerText()).toContain('Probeanruf');
      expect(await page.getByTestId(`note-${txId}`).count()).toBe(1);
    } catch (e) {
      await shot('inbox-failure').catch(() => undefined);
      throw e;
    }
  }, 40_000);

  it('with retention "delete immediately", the note says so before "Erledigt" and is gone after it', async () => {
    page.setDefaultTimeout(10_000);
    const call = await ownerApi(server!.url);
    const doc = JSON.parse(readFileSync(join(ROOT, 'flows/arztpraxis.flow.json'), 'utf8')) as {
      id: string;
      settings: Record<string, unknown>;
    };
    const flowDoc = {
      ...doc,
      id: 'praxis-sofort',
      settings: { ...doc.settings, retention: { mode: 'immediate' } },
    };
    const created = await call<{ flow: { id: string } }>('POST', '/api/flows', { flow: flowDoc });
    await call('POST', `/api/flows/${created.flow.id}/versions`, { message: 'sofort löschen' });
    const { versions } = await call<{ versions: { number: number }[] }>(
      'GET',
      `/api/flows/${created.flow.id}/versions`,
    );
    const sim = await call<{ live: { txId: string } | null }>(
      'POST',
      `/api/flows/${created.flow.id}/simulate`,
      {
        turns: PRESCRIPTION_CALL,
        at: AT,
        live: true,
        version: versions[0].number,
      },
    );
    const txId = sim.live!.txId;
    try {
      await page.getByRole('link', { name: 'Posteingang' }).click();
      await page.getByRole('button', { name: 'Aktualisieren' }).click();
      const row = page.getByTestId(`note-${txId}`);
      await row.getByRole('link', { name: /Öffnen/ }).click();
      await eventually(() => page.getByTestId('done-help').innerText()).toContain('sofort gelöscht');
      await page.getByRole('button', { name: /Erledigt/ }).click();
      await eventually(() => page.getByRole('status').innerText()).toContain('gelöscht');
      await eventually(() => row.count()).toBe(0);
      await page.getByRole('link', { name: 'Löschnachweise' }).click();
      await eventually(() => page.getByTestId(`receipt-${txId}`).innerText()).toContain('zugestellt');
    } catch (e) {
      await shot('inbox-failure').catch(() => undefined);
      throw e;
    }
  }, 30_000);
});
