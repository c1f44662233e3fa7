// Flow analytics in the browser (issue 10): seven live calls through /simulate on the doctor's-
// office flow (three callers hang up in the "personalien" intake), then the owner opens the
// flow, switches to "Auswertung": test calls are not counted until „Probeanrufe einbeziehen" is
// ticked; then chart, numbers, CSV link, and the canvas overlay: the intake card shows how many
// reached it, how many hung up there, and where the callers went from each step. A second flow
// with two published versions (40 % then 7 % hang up in the intake) is compared in the designer,
// and the period and version pickers change the numbers.
// Screenshots: test-results/screenshots/15-analytics.png, 16-analytics-overlay.png,
// 17-analytics-compare.png, 18-analytics-compare-overlay.png.
//
// Like inbox.test.ts, the designer is built into its own temporary folder and served by a small
// same-origin proxy (static files + /api forwarded), so parallel designer builds never race.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDesigner, PRESCRIPTION_CALL, type DesignerSession } from './app-proxy';
import { ownerRequests } from './owner-api';
import { ADMIN, type RunningServer } from './server';

const ROOT = join(__dirname, '../..');
const SHOTS = join(ROOT, 'test-results/screenshots');

let session: DesignerSession | undefined;
let server: RunningServer | undefined;
let page: Page;
let appUrl = '';

const UNLABELLED = `[...document.querySelectorAll('button, input:not([type=hidden]), select, textarea, a')]
  .filter((el) => !(el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || (el.labels && el.labels.length) || el.textContent.trim() || el.getAttribute('title')))
  .map((el) => el.outerHTML.slice(0, 120))`;
const eventually = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000, interval: 100 });
const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });

// The latest weekday up to today (the panel's periods end today), 10:00 in Berlin: the practice
// is open then, so callers reach the intake.
function lastWeekday(): string {
  const d = new Date();
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
const AT = `${lastWeekday()}T10:00:00+01:00`;
const GIVES_UP = [{ say: 'Ja, gerne.' }, { say: 'Mein Name ist Paul Weber' }, { hangup: true }];

describe('Auswertung in the browser (real server)', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    session = await openDesigner();
    ({ server, appUrl, page } = session);
  }, 85_000);

  afterAll(async () => {
    await session?.close();
  });

  it('after seven live calls the dashboard shows them and the overlay marks the intake where three hung up', async () => {
    page.setDefaultTimeout(10_000);
    const call = await ownerRequests(server!.url);
    const { flows } = (await call<{ flows: { id: string; slug: string }[] }>('GET', '/api/flows')).data;
    const flow = flows.find((f) => f.slug === 'arztpraxis')!;
    expect(flow).toBeDefined();
    type Sim = { outcome: string; path: string[] };
    const ends: string[] = [];
    for (const turns of [
      PRESCRIPTION_CALL,
      GIVES_UP,
      PRESCRIPTION_CALL,
      GIVES_UP,
      PRESCRIPTION_CALL,
      GIVES_UP,
      PRESCRIPTION_CALL,
    ]) {
      const sim = (await call<Sim>('POST', `/api/flows/${flow.id}/simulate`, { turns, at: AT, live: true }))
        .data;
      ends.push(sim.path.at(-1)!);
    }
    // The scene: three of seven gave up in the "personalien" intake.
    expect(ends.filter((n) => n === 'personalien')).toHaveLength(3);
    const csv = await call<null>('GET', `/api/flows/${flow.id}/analytics.csv?source=all`);
    expect(csv.text).toContain(';personalien;7;');
    expect(csv.text).not.toContain('Schmidt');

    try {
      await page.goto(appUrl);
      await page.getByLabel('E-Mail-Adresse').fill(ADMIN.email);
      await page.getByLabel('Passwort').fill(ADMIN.password);
      await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
      await page
        .getByRole('link', { name: /Öffnen: .*Hausarzt/ })
        .first()
        .click();
      await page.getByRole('tab', { name: 'Auswertung' }).click();

      const panel = page.getByTestId('analytics');
      // Seven test calls are not traffic: by default the dashboard counts real calls only.
      await eventually(() => page.getByTestId('analytics-source').innerText()).toBe(
        'Nur echte Anrufe – Probeanrufe sind nicht mitgezählt.',
      );
      expect(await page.getByTestId('analytics-calls').innerText()).toBe('0');
      await page.getByLabel('Probeanrufe einbeziehen').check();
      await eventually(() => page.getByTestId('analytics-calls').innerText()).toBe('7');
      expect(await page.getByTestId('analytics-source').innerText()).toBe('Davon Probeanrufe: 7');
      expect(await page.getByTestId('analytics-chart').locator('rect.calls').count()).toBe(1);
      const outcomes = await page.getByTestId('analytics-outcomes').innerText();
      expect(outcomes).toContain('aufgelegt: 3');
      expect(outcomes).toContain('zugestellt: 4');
      expect(await panel.innerText()).toContain('Weiterleitungsquote');
      expect(await page.getByTestId('analytics-csv').getAttribute('href')).toMatch(
        new RegExp(`/api/flows/${flow.id}/analytics\\.csv\\?.*source=all`),
      );
      // Only the draft was ever called, and it has no second version to compare with.
      expect(await page.getByTestId('compare-need-two').innerText()).toBe(
        'Zum Vergleichen braucht es zwei veröffentlichte Versionen.',
      );
      // The demo flow stores its notes, so no "in memory only" note.
      expect(await page.getByTestId('analytics-zero').count()).toBe(0);
      expect(await page.evaluate(UNLABELLED)).toEqual([]);
      await shot('15-analytics');

      // Overlay off: no badge; on: the intake shows 7 reached, 3 of them (43 %) hung up there.
      expect(await page.getByTestId('analytics-personalien').count()).toBe(0);
      await page.getByLabel('Auswertung auf der Arbeitsfläche').check();
      const badge = page.getByTestId('analytics-personalien');
      await eventually(() => badge.innerText()).toBe('7 erreicht · 43 % aufgelegt');
      expect(await page.getByTestId('analytics-begruessung').innerText()).toBe('7 erreicht · 0 % aufgelegt');
      // Warmer colour where more callers hang up.
      const warmth = async (id: string) => {
        const bg = await page.getByTestId(id).evaluate((el) => getComputedStyle(el).backgroundColor);
        const [r, g] = (/rgb\((\d+), (\d+)/.exec(bg) ?? []).slice(1).map(Number);
        return r - g;
      };
      expect(await warmth('analytics-personalien')).toBeGreaterThan(await warmth('analytics-begruessung'));
      // Where they left, in the canvas' exit words: everyone agreed; 4 went on, 3 hung up in the intake.
      expect(await page.getByTestId('analytics-exits-begruessung').innerText()).toBe('ja 100 %');
      expect(await page.getByTestId('analytics-exits-personalien').locator('li').allInnerTexts()).toEqual([
        'weiter 57 %',
        'hier aufgelegt 43 %',
      ]);
      // A branch's exits carry the flow's own option labels: all four went the "Rezept" way.
      expect(await page.getByTestId('analytics-exits-art_des_anliegens').innerText()).toBe('Rezept 100 %');
      await page.getByTestId('step-personalien').scrollIntoViewIfNeeded();
      await shot('16-analytics-overlay');
    } catch (e) {
      await shot('analytics-failure').catch(() => undefined);
      throw e;
    }
  }, 60_000);

  it('a day under 5 calls reads "< 5"; a zero-persistence flow says its figures live in memory only', async () => {
    page.setDefaultTimeout(10_000);
    const call = await ownerRequests(server!.url);
    const doc = JSON.parse(readFileSync(join(ROOT, 'flows/arztpraxis.flow.json'), 'utf8')) as {
      settings: Record<string, unknown>;
    };
    const quiet = (
      await call<{ flow: { id: string } }>('POST', '/api/flows', {
        flow: { ...doc, id: 'praxis-ruhig', name: 'Ruhige Praxis' },
      })
    ).data;
    for (const turns of [PRESCRIPTION_CALL, GIVES_UP])
      await call('POST', `/api/flows/${quiet.flow.id}/simulate`, { turns, at: AT, live: true });
    // No calls needed here (its delivery would be a webhook): the note depends on the setting only.
    const zeroSettings = {
      ...doc.settings,
      zeroPersistence: true,
      retention: { mode: 'immediate' },
      delivery: { inbox: false, webhookUrl: 'https://praxis.example/hook' },
    };
    await call('POST', '/api/flows', {
      flow: {
        ...doc,
        id: 'praxis-ohne-speicherung',
        name: 'Praxis ohne Speicherung',
        settings: zeroSettings,
      },
    });
    try {
      await page.getByRole('link', { name: 'Anrufabläufe' }).click();
      await page
        .getByRole('link', { name: /Öffnen: .*Ruhige Praxis/ })
        .first()
        .click();
      // The overlay is still on from the first flow, but its numbers never show on another flow.
      await page.getByTestId('step-personalien').waitFor();
      expect(await page.getByTestId('analytics-personalien').count()).toBe(0);
      await page.getByRole('tab', { name: 'Auswertung' }).click();
      // „Probeanrufe einbeziehen" is still ticked from the first flow (one choice for the session).
      expect(await page.getByLabel('Probeanrufe einbeziehen').isChecked()).toBe(true);
      const today = AT.slice(0, 10);
      await eventually(() =>
        page.getByTestId('analytics').locator('tr', { hasText: today }).innerText(),
      ).toContain('< 5');
      // Only the grey stub: the real count of a suppressed day is never drawn.
      expect(await page.getByTestId('analytics-chart').locator('rect.calls').count()).toBe(0);
      expect(await page.getByTestId('analytics-chart').locator('rect.suppressed').count()).toBe(1);
      expect(await page.getByTestId('analytics-zero').count()).toBe(0);

      await page.getByRole('link', { name: 'Anrufabläufe' }).click();
      await page
        .getByRole('link', { name: /Öffnen: .*Praxis ohne Speicherung/ })
        .first()
        .click();
      await page.getByRole('tab', { name: 'Auswertung' }).click();
      await eventually(() => page.getByTestId('analytics-zero').innerText()).toBe(
        'Ohne Speicherung: Zahlen nur im Arbeitsspeicher, nach einem Neustart weg',
      );
    } catch (e) {
      await shot('analytics-failure').catch(() => undefined);
      throw e;
    }
  }, 30_000);

  it('compares two published versions: the table and the sentence show the drop from 40 % to 7 %; the pickers change the numbers', async () => {
    page.setDefaultTimeout(10_000);
    const call = await ownerRequests(server!.url);
    const doc = JSON.parse(readFileSync(join(ROOT, 'flows/arztpraxis.flow.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const created = (
      await call<{ flow: { id: string }; draft: { etag: string } }>('POST', '/api/flows', {
        flow: { ...doc, id: 'praxis-vergleich', name: 'Praxis im Vergleich' },
      })
    ).data;
    const id = created.flow.id;
    await call('POST', `/api/flows/${id}/versions`, { message: 'erste Fassung' });
    const sim = (turns: unknown[], version: number, at = AT) =>
      call('POST', `/api/flows/${id}/simulate`, { turns, at, live: true, version });
    // Version 1: 4 of 10 callers hang up in "Angaben zur Person".
    for (let i = 0; i < 10; i++) await sim(i < 4 ? GIVES_UP : PRESCRIPTION_CALL, 1);
    await call(
      'PUT',
      `/api/flows/${id}/draft`,
      { ...doc, id: 'praxis-vergleich', name: 'Praxis im Vergleich', description: 'Kürzere Fragen' },
      { 'If-Match': created.draft.etag },
    );
    const v2 = (
      await call<{ version: { number: number } }>('POST', `/api/flows/${id}/versions`, {
        message: 'kürzere Fragen',
      })
    ).data;
    expect(v2.version.number).toBe(2);
    // Version 2: 1 of 10 on AT's day, and 5 more callers three weeks before (inside 30 days, outside 7).
    for (let i = 0; i < 10; i++) await sim(i < 1 ? GIVES_UP : PRESCRIPTION_CALL, 2);
    const earlier = new Date(Date.parse(AT) - 21 * 86_400_000).toISOString().slice(0, 10);
    for (let i = 0; i < 5; i++) await sim(PRESCRIPTION_CALL, 2, `${earlier}T10:00:00+01:00`);
    // Two test calls of the draft on AT's day: fewer than 5 for that version, so left out everywhere.
    for (let i = 0; i < 2; i++)
      await call('POST', `/api/flows/${id}/simulate`, { turns: PRESCRIPTION_CALL, at: AT, live: true });

    try {
      await page.getByRole('link', { name: 'Anrufabläufe' }).click();
      await page
        .getByRole('link', { name: /Öffnen: .*Praxis im Vergleich/ })
        .first()
        .click();
      await page.getByRole('tab', { name: 'Auswertung' }).click();
      const calls = () => page.getByTestId('analytics-calls').innerText();
      const headlines = () => page.getByTestId('analytics-headlines').locator('li').allInnerTexts();
      // Real calls only: none, and the comparison says why it cannot compare.
      await page.getByLabel('Probeanrufe einbeziehen').uncheck();
      await eventually(calls).toBe('0');
      await eventually(headlines).toEqual([
        'Version 1 hat im gewählten Zeitraum noch nicht genug Anrufe für einen Vergleich (Tage mit weniger als 5 Anrufen zählen nicht).',
        'Version 2 hat im gewählten Zeitraum noch nicht genug Anrufe für einen Vergleich (Tage mit weniger als 5 Anrufen zählen nicht).',
      ]);

      // With the test calls: 25 in the last 30 days; 20 in the last 7; 10 of version 1.
      await page.getByLabel('Probeanrufe einbeziehen').check();
      await eventually(calls).toBe('25');
      // The draft's 2 calls never add up with the versions' calls: the day says a version was left out.
      expect(
        await page
          .getByTestId('analytics')
          .locator('tr', { hasText: AT.slice(0, 10) })
          .innerText(),
      ).toContain('20 (ohne eine Version mit < 5)');
      const period = page.getByLabel('Zeitraum', { exact: true });
      await period.selectOption({ label: 'Letzte 7 Tage' });
      await eventually(calls).toBe('20');
      await period.selectOption({ label: 'Letzte 30 Tage' });
      await eventually(calls).toBe('25');
      const version = page.getByTestId('analytics-filters').getByLabel('Version', { exact: true });
      await version.selectOption({ label: 'Version 1' });
      await eventually(calls).toBe('10');
      expect(await page.getByTestId('analytics-outcomes').innerText()).toContain('aufgelegt: 4');
      // A custom period that holds only the earlier day: just its 5 calls (version 2).
      await version.selectOption({ label: 'Alle Versionen' });
      await period.selectOption({ label: 'Eigener Zeitraum' });
      await page.getByLabel('Von', { exact: true }).fill(earlier);
      await page.getByLabel('Bis', { exact: true }).fill(earlier);
      await eventually(calls).toBe('5');
      await period.selectOption({ label: 'Letzte 30 Tage' });
      await eventually(calls).toBe('25');

      // The comparison: version 1 against version 2 (the two latest, picked by default).
      expect(await page.getByLabel('Version A').inputValue()).toBe('1');
      expect(await page.getByLabel('Version B').inputValue()).toBe('2');
      await eventually(headlines).toEqual([
        'Seit Version 2 sind die Auflegungen am Schritt ‚Angaben zur Person‘ von 40 % auf 7 % gefallen.',
      ]);
      const row = (metric: string) =>
        page.getByTestId('compare-personalien').locator(`tr[data-metric="${metric}"] > *`).allInnerTexts();
      expect(await row('hungUp')).toEqual(['hier aufgelegt', '40 %', '7 %', '−33 Pp.']);
      expect(await row('reached')).toEqual(['erreicht', '100 %', '100 %', '±0 Pp.']);
      expect(await page.getByTestId('compare-personalien').locator('th[scope="rowgroup"]').innerText()).toBe(
        'Angaben zur Person',
      );
      expect(await page.evaluate(UNLABELLED)).toEqual([]);
      // Reading order of the canvas: the greeting comes before the intake.
      const order = await page
        .getByTestId('analytics-compare-table')
        .locator('th[scope="rowgroup"]')
        .allInnerTexts();
      expect(order.indexOf('Begrüßung & Einwilligung')).toBeLessThan(order.indexOf('Angaben zur Person'));
      await page.getByTestId('analytics-compare').evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await shot('17-analytics-compare');

      // The overlay follows the picker: version 2 only → 15 reached the intake, 1 hung up there.
      await version.selectOption({ label: 'Version 2' });
      await eventually(calls).toBe('15');
      await eventually(() => page.getByTestId('analytics-personalien').innerText()).toBe(
        '15 erreicht · 7 % aufgelegt',
      );
      expect(await page.getByTestId('analytics-exits-personalien').locator('li').allInnerTexts()).toEqual([
        'weiter 93 %',
        'hier aufgelegt 7 %',
      ]);
      expect(await page.getByTestId('analytics-exits-sprechzeiten').innerText()).toBe('geöffnet 100 %');
      // Zoom the canvas in on the intake (wheel over the card) so the screenshot is readable.
      const box = (await page.getByTestId('step-personalien').boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      for (let i = 0; i < 4; i++) await page.mouse.wheel(0, -300);
      await page.waitForTimeout(300);
      await shot('18-analytics-compare-overlay');

      // English: the same sentence, from the same data.
      await page.getByRole('button', { name: 'English' }).click();
      await eventually(headlines).toEqual([
        'Since version 2, hang-ups at the step ‘Angaben zur Person’ fell from 40 % to 7 %.',
      ]);
      await page.getByRole('button', { name: 'Deutsch' }).click();
    } catch (e) {
      await shot('analytics-failure').catch(() => undefined);
      throw e;
    }
  }, 90_000);
});
