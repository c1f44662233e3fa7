// Issue 18 in the browser: the practice manager writes an entry in „Wissen", asks it in the test
// call and sees it cited; a question no entry answers is said to be noted. Real server, the
// designer built into a folder of its own (app-proxy.ts), Debian's chromium.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDesigner, type DesignerSession } from './app-proxy';
import { ADMIN } from './server';

const ROOT = join(__dirname, '../..');
const SHOTS = join(ROOT, 'test-results/screenshots');

let session: DesignerSession | undefined;
let page: Page;

const eventually = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000, interval: 100 });

describe('„Wissen" in the designer (real server)', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    session = await openDesigner();
    page = session.page;
    // A weekday morning in Berlin: the practice is open.
    await page.clock.setFixedTime(new Date('2026-11-25T09:00:00Z'));
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  it('an entry written in „Wissen" answers a question in the test call, and is cited', async () => {
    page.setDefaultTimeout(10_000);
    try {
      await page.goto(session!.appUrl);
      await page.getByLabel('E-Mail-Adresse').fill(ADMIN.email);
      await page.getByLabel('Passwort').fill(ADMIN.password);
      await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
      await page.getByRole('heading', { name: 'Ihre Anrufabläufe' }).waitFor();
      await page.getByLabel('Vorlage').selectOption('arztpraxis');
      await page.getByLabel(/Name des Anrufablaufs/).fill('Praxis mit Wissen');
      await page.getByRole('button', { name: 'Anlegen' }).click();
      await page.locator('.react-flow__node[data-id="begruessung"]').waitFor();

      // Write an entry; the derived opening hours are listed; the model is off (secrecy) with the reason.
      await page.getByRole('tab', { name: 'Wissen' }).click();
      const panel = page.getByRole('region', { name: 'Wissen' });
      expect(await panel.innerText()).toContain('Öffnungszeiten');
      expect(await panel.innerText()).toContain('Schweigepflicht');
      await page.getByRole('button', { name: 'Eintrag hinzufügen' }).click();
      const entry = page.getByTestId('fact-eintrag-4');
      await entry.getByLabel('Thema').fill('Impfungen');
      await entry
        .getByLabel('Antwort (wird vorgelesen)', { exact: true })
        .fill('Impfungen gibt es dienstags ab 15 Uhr.');
      await entry.getByLabel('Stichwörter (durch Komma getrennt)').fill('Impfung, impfen');
      // Live check on the entry: an empty answer is an error, shown with the entry.
      await entry.getByLabel('Antwort (wird vorgelesen)', { exact: true }).fill(' ');
      await eventually(() => entry.innerText()).toContain('ist leer');
      await entry
        .getByLabel('Antwort (wird vorgelesen)', { exact: true })
        .fill('Impfungen gibt es dienstags ab 15 Uhr.');
      await eventually(() => entry.innerText()).not.toContain('ist leer');
      await page.screenshot({ path: join(SHOTS, '20-wissen.png') });

      // Ask it in the test call.
      await page.getByRole('tab', { name: 'Probeanruf' }).click();
      await page.getByRole('button', { name: /Probeanruf starten/ }).click();
      const chat = page.getByTestId('test-chat');
      await eventually(() => chat.innerText()).toContain('KI-Assistent');
      const input = page.getByPlaceholder('Als anrufende Person antworten');
      for (const text of ['Ja', 'Wann kann man sich bei Ihnen impfen lassen?', 'Was kostet ein Attest?']) {
        await input.fill(text);
        await input.press('Enter');
      }
      await eventually(() => chat.innerText()).toContain('Impfungen gibt es dienstags ab 15 Uhr.');
      expect(await chat.innerText()).toContain('Antwort aus dem Wissen: Impfungen');
      await eventually(() => chat.innerText()).toContain('Keine Antwort im Wissen');
      expect(await chat.innerText()).toContain('Das kann ich Ihnen leider nicht sicher beantworten.');
      // The note the practice would get lists the open question (the caller hangs up).
      await page.getByRole('button', { name: /Auflegen/ }).click();
      await eventually(() => page.getByTestId('note-questions').innerText()).toContain(
        'Was kostet ein Attest?',
      );
      await page.screenshot({ path: join(SHOTS, '21-wissen-probeanruf.png') });
    } catch (e) {
      await page.screenshot({ path: join(SHOTS, 'facts-failure.png') }).catch(() => undefined);
      throw e;
    }
  }, 90_000);
});
