// A morning at the front desk, in the browser against the real server: the inbox in German
// words (dates, flags), urgent notes filtered, the callback number one click away (`tel:`),
// notes marked done and reopened, a new note appearing live without a reload, and the search by
// number — which must never put the number into an address: every request URL the page made
// is checked, and browser storage holds nothing of the calls. Also two small things of the same
// morning: the number screen takes „030 1234567“, and business hours in an en-US browser show
// „14:00“. Screenshots: 15-front-desk, 16-front-desk-note, 17-hours-en-us in test-results/screenshots/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  logIn,
  OPEN_PRACTICE_AT,
  openDesigner,
  PRESCRIPTION_CALL,
  urgentCall,
  type DesignerSession,
} from './app-proxy';
import { ownerApi } from './owner-api';
import type { RunningServer } from './server';

const SHOTS = join(__dirname, '../../test-results/screenshots');
let session: DesignerSession | undefined;
let server: RunningServer | undefined;
let page: Page;
let appUrl = '';
const requests: Request[] = [];

const eventually = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000, interval: 100 });
const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });

const AT = OPEN_PRACTICE_AT;
const URGENT_CALL = urgentCall('Peter Meier', 'null drei null, sieben sechs fünf vier drei zwei eins');
type Sim = { live: { txId: string } | null };

describe('the front desk works through the inbox (real server, browser)', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    session = await openDesigner();
    ({ server, appUrl, page } = session);
    page.on('request', (r) => requests.push(r));
  }, 85_000);

  afterAll(async () => {
    await session?.close();
  });

  it('filters urgent notes, calls back with one click, marks done and undone, sees a new note live, searches by number', async () => {
    page.setDefaultTimeout(10_000);
    const call = await ownerApi(server!.url);
    const { flows } = await call<{ flows: { id: string; slug: string; name: string }[] }>(
      'GET',
      '/api/flows',
    );
    const flow = flows.find((f) => f.slug === 'arztpraxis')!;
    const simulate = (turns: unknown[]) =>
      call<Sim>('POST', `/api/flows/${flow.id}/simulate`, { turns, at: AT, live: true });
    const recipe = (await simulate(PRESCRIPTION_CALL)).live!.txId;
    const urgent = (await simulate(URGENT_CALL)).live!.txId;

    try {
      await page.goto(appUrl);
      await logIn(page);
      await page.getByRole('heading', { name: 'Ihre Anrufabläufe' }).waitFor();
      await page.getByRole('link', { name: 'Posteingang' }).click();
      const recipeRow = page.getByTestId(`note-${recipe}`);
      const urgentRow = page.getByTestId(`note-${urgent}`);
      await eventually(() => urgentRow.innerText()).toContain('Peter Meier');
      // German words: a weekday date with „Uhr“, the flow's name (once the flows are loaded; never
      // its id before), the flag as words.
      expect(await urgentRow.innerText()).not.toContain(flow.id);
      await eventually(() => urgentRow.innerText()).toContain(flow.name);
      const urgentText = await urgentRow.innerText();
      expect(urgentText).toMatch(/[A-Z][a-z]\., \d{1,2}\. [A-Z][a-zä]+\.? 20\d\d, \d{1,2}:\d\d Uhr/);
      expect(urgentText).toContain('möglicher Notfall');
      expect(urgentText).not.toContain('emergency');

      // Urgent only: the prescription disappears, the emergency stays.
      await page.getByLabel('nur dringende').check();
      await eventually(() => recipeRow.count()).toBe(0);
      expect(await urgentRow.count()).toBe(1);

      // Call back with one click: the number the caller gave, as a tel: link.
      const callBack = urgentRow.getByRole('link', { name: '+49 30 7654321 anrufen' });
      expect(await callBack.getAttribute('href')).toBe('tel:+49307654321');
      await shot('15-front-desk');

      // Done, then open again (e.g. clicked by mistake) — with the list showing open notes only.
      await page.getByLabel('Status').selectOption('new');
      await urgentRow.getByRole('button', { name: 'Erledigt: Peter Meier' }).click();
      await eventually(() => urgentRow.count()).toBe(0);
      await page.getByLabel('Status').selectOption('done');
      await eventually(() => urgentRow.innerText()).toContain('erledigt');
      await urgentRow.getByRole('button', { name: 'Wieder öffnen: Peter Meier' }).click();
      await eventually(() => urgentRow.count()).toBe(0);
      await page.getByLabel('Status').selectOption('all');
      await eventually(() => urgentRow.innerText()).toContain('neu');
      await page.getByLabel('nur dringende').uncheck();
      await eventually(() => recipeRow.count()).toBe(1);

      // A note arriving while the inbox is open appears without a reload.
      await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
      const fresh = (await simulate(PRESCRIPTION_CALL)).live!.txId;
      await eventually(() => page.getByTestId(`note-${fresh}`).count()).toBe(1);
      expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
      await eventually(() => page.getByRole('status').innerText()).toContain('neue Gesprächsnotiz');

      // Search by the number as the caller says it on the phone.
      await page.getByLabel('Rufnummer', { exact: true }).fill('030 7654321');
      await page.getByRole('button', { name: 'Suchen' }).click();
      await eventually(() => page.getByTestId('search-result').innerText()).toContain('1 Gesprächsnotiz');
      expect(await urgentRow.count()).toBe(1);
      expect(await recipeRow.count()).toBe(0);
      const searches = requests.filter((r) => r.url().endsWith('/api/inbox/search'));
      expect(searches.length).toBeGreaterThan(0);
      expect(searches[0].method()).toBe('POST');
      expect(searches[0].postData()).toContain('030 7654321');
      await page.getByRole('button', { name: 'Suche aufheben' }).click();
      await eventually(() => recipeRow.count()).toBe(1);

      // The note itself: the birth date as a German date, the callback number as a link.
      await recipeRow.getByRole('link', { name: /Öffnen/ }).click();
      await eventually(() => page.getByTestId('note-field-geburtsdatum').innerText()).toContain('03.03.1980');
      const link = page.getByTestId('note-detail').getByRole('link', { name: '+49 171 1234567 anrufen' });
      expect(await link.getAttribute('href')).toBe('tel:+491711234567');
      await shot('16-front-desk-note');

      // No number ever reached an address: not the search, not a note, not a link followed.
      const numbers = ['7654321', '765 4321', '1711234567', '171 1234567', '%2B49', '+49'];
      for (const r of requests) for (const n of numbers) expect(r.url(), r.url()).not.toContain(n);
      expect(page.url()).not.toMatch(/7654321|1234567/);
      // …and browser storage holds nothing of the calls.
      const stored = await page.evaluate(() =>
        JSON.stringify([{ ...localStorage }, { ...sessionStorage }, document.cookie]),
      );
      for (const s of ['7654321', '1234567', 'Peter Meier', 'Anna Schmidt', urgent, recipe])
        expect(stored).not.toContain(s);
    } catch (e) {
      await shot('front-desk-failure').catch(() => undefined);
      throw e;
    }
  }, 90_000);

  it('the number screen takes a number as people write it („030 1234567“) and says in German what is wrong', async () => {
    page.setDefaultTimeout(10_000);
    const call = await ownerApi(server!.url);
    const me = await call<{ tenant: { id: string } }>('GET', '/api/me');
    await call('POST', '/api/admin/numbers', { number: '+49301234567', organisationId: me.tenant.id });
    const { flows } = await call<{ flows: { id: string; slug: string }[] }>('GET', '/api/flows');
    const flow = flows.find((f) => f.slug === 'arztpraxis')!;
    await call('POST', `/api/flows/${flow.id}/versions`, { message: 'für die Rufnummer' });
    try {
      await page.getByRole('link', { name: 'Rufnummern', exact: true }).click();
      const field = page.getByLabel(/^Rufnummer \(/);
      await field.fill('abc');
      await page.getByRole('button', { name: 'Zuordnen' }).click();
      await eventually(() => page.getByRole('alert').innerText()).toMatch(/^Keine Rufnummer/);
      await field.fill('030 1234567');
      await page.getByLabel('Anrufablauf').selectOption(flow.id);
      await page.getByRole('button', { name: 'Zuordnen' }).click();
      await eventually(() => page.getByTestId('number-+49301234567').count()).toBe(1);
      expect(await page.getByRole('alert').count()).toBe(0);
    } catch (e) {
      await shot('front-desk-failure').catch(() => undefined);
      throw e;
    }
  }, 40_000);

  it('business hours in an en-US browser show 14:00 on the 24-hour clock, not cut off', async () => {
    const call = await ownerApi(server!.url);
    const { flows } = await call<{ flows: { id: string; slug: string }[] }>('GET', '/api/flows');
    const flow = flows.find((f) => f.slug === 'arztpraxis')!;
    const context = await page
      .context()
      .browser()!
      .newContext({
        viewport: { width: 1400, height: 900 },
        locale: 'en-US',
        timezoneId: 'America/New_York',
      });
    try {
      const en = await context.newPage();
      en.setDefaultTimeout(10_000);
      await en.goto(`${appUrl}/#/ablaeufe/${flow.id}/einstellungen`);
      await logIn(en);
      const afternoon = en.getByLabel('Montag 2 frühestens');
      await eventually(() => afternoon.inputValue()).toBe('14:00');
      const fits = await afternoon.evaluate((el: HTMLInputElement) => el.scrollWidth <= el.clientWidth);
      expect(fits).toBe(true);
      // Typing a time works the same way: 24-hour clock, stored as HH:MM.
      const closing = en.getByLabel('Montag 2 spätestens');
      await closing.fill('19:30');
      await closing.blur();
      expect(await closing.inputValue()).toBe('19:30');
      await en.screenshot({ path: join(SHOTS, '17-hours-en-us.png') });
    } finally {
      await context.close();
    }
  }, 40_000);
});
