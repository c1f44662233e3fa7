// Real navigation in the designer: every screen worth returning to has an address. A deep link
// survives the login and a reload, Back and Forward walk the screens, the selected step and a
// version comparison are part of the address, and no phone number ever appears in one.
// German, then one run in English. Screenshots: test-results/screenshots/20-deep-link-*.png.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDesigner, PRESCRIPTION_CALL, type DesignerSession } from './app-proxy';
import { ownerApi, type OwnerCall } from './owner-api';
import { ADMIN } from './server';

const ROOT = join(__dirname, '../..');
const SHOTS = join(ROOT, 'test-results/screenshots');
const TYPED_NUMBER = '+49 171 1234567';

let session: DesignerSession;
let page: Page;
let call: OwnerCall;
let flowId = '';
/** Every address the page had, to check that none carries a phone number. */
const visited = new Set<string>();

const eventually = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000, interval: 100 });
const hash = () => new URL(page.url()).hash;
const at = (expected: string) => eventually(hash).toBe(expected);

async function logIn(p: Page): Promise<void> {
  await p.getByLabel(/E-?Mail/i).fill(ADMIN.email);
  await p.getByLabel(/Passwor/).fill(ADMIN.password);
  await p.getByRole('button', { name: /^(Anmelden|Log in)$/ }).click();
}

/** A second version of the demo practice flow, so there is a comparison to link to. */
async function publishSecondVersion(): Promise<void> {
  type Draft = { etag: string; document: { name: string } };
  const draft = await call<Draft>('GET', `/api/flows/${flowId}/draft`);
  await call(
    'PUT',
    `/api/flows/${flowId}/draft`,
    { ...draft.document, name: 'Hausarztpraxis (neu)' },
    {
      'If-Match': draft.etag,
    },
  );
  const { versions } = await call<{ versions: unknown[] }>('GET', `/api/flows/${flowId}/versions`);
  if (versions.length === 0) await call('POST', `/api/flows/${flowId}/versions`, { message: 'Erste' });
  await call('POST', `/api/flows/${flowId}/versions`, { message: 'Neuer Name' });
}

describe('addresses in the designer (real server)', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    session = await openDesigner();
    page = session.page;
    page.on('framenavigated', (f) => visited.add(f.url()));
    call = await ownerApi(session.server.url);
    const { flows } = await call<{ flows: { id: string; slug: string }[] }>('GET', '/api/flows');
    flowId = flows.find((f) => f.slug === 'arztpraxis')!.id;
    await publishSecondVersion();
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  it('follows a deep link through the login, keeps it over a reload, and Back walks the screens', async () => {
    page.setDefaultTimeout(10_000);
    const compare = `#/ablaeufe/${flowId}/versionen/vergleich/1/2`;
    // A link someone sent: first the login, then exactly the comparison it names.
    await page.goto(`${session.appUrl}/${compare}`);
    await logIn(page);
    const diff = page.getByTestId('diff');
    await eventually(() => diff.innerText()).toContain('Version 2');
    expect(await page.getByRole('tab', { name: 'Versionen' }).getAttribute('aria-selected')).toBe('true');
    expect(hash()).toBe(compare);
    await page.screenshot({ path: join(SHOTS, '20-deep-link-compare.png') });

    // Selecting a card puts the step into the address; a reload opens the flow on that step.
    await page.getByTestId('step-begruessung').click();
    await at(`#/ablaeufe/${flowId}?schritt=begruessung`);
    await page.reload();
    await page.getByTestId('step-begruessung').waitFor();
    await eventually(() =>
      page.locator('.react-flow__node.selected [data-testid="step-begruessung"]').count(),
    ).toBe(1);
    expect(await page.getByRole('tab', { name: 'Schritt' }).getAttribute('aria-selected')).toBe('true');

    // Back returns to the comparison (not out of the app), Forward to the step. Selecting the card
    // happened on the comparison's page, so its entry keeps the step.
    await page.goBack();
    await at(`${compare}?schritt=begruessung`);
    await eventually(() => diff.isVisible()).toBe(true);
    await page.goForward();
    await at(`#/ablaeufe/${flowId}?schritt=begruessung`);

    // The header entries are links; the flow list's entries too.
    await page.getByRole('link', { name: 'Anrufabläufe' }).click();
    await at('#/ablaeufe');
    const open = page.getByRole('link', { name: /Öffnen: Hausarztpraxis/ }).first();
    expect(await open.getAttribute('href')).toBe(`#/ablaeufe/${flowId}`);
    await page.goBack();
    await at(`#/ablaeufe/${flowId}?schritt=begruessung`);
    await page.getByTestId('step-begruessung').waitFor();
  }, 90_000);

  it('gives a call note, the receipts and the numbers an address, never with a phone number', async () => {
    type Sim = { live: { txId: string } | null };
    const note = await call<Sim>('POST', `/api/flows/${flowId}/simulate`, {
      turns: PRESCRIPTION_CALL,
      at: '2026-11-25T10:00:00+01:00',
      live: true,
    });
    const txId = note.live!.txId;

    await page.getByRole('link', { name: 'Posteingang' }).click();
    await at('#/posteingang');
    await page
      .getByTestId(`note-${txId}`)
      .getByRole('link', { name: /Öffnen/ })
      .click();
    await at(`#/posteingang/${txId}`);
    await page.reload();
    await eventually(() => page.getByTestId('note-txid').innerText()).toBe(txId);
    await page.screenshot({ path: join(SHOTS, '20-deep-link-note.png') });
    await page.goBack();
    await at('#/posteingang');
    await page.getByTestId(`note-${txId}`).waitFor();

    await page.getByRole('link', { name: 'Löschnachweise' }).click();
    await at('#/loeschnachweise');
    await page.reload();
    await page.getByRole('heading', { name: 'Löschnachweise' }).waitFor();

    // Binding a number (refused or not) leaves the address as it is.
    await page.getByRole('link', { name: 'Rufnummern', exact: true }).click();
    await at('#/rufnummern');
    await page.getByLabel(/^Rufnummer \(/).fill(TYPED_NUMBER);
    await page.getByRole('button', { name: 'Zuordnen' }).click();
    await eventually(() => page.getByRole('alert').count()).toBeGreaterThan(0);
    expect(hash()).toBe('#/rufnummern');

    // An address of a flow that is not there says so, with the way back.
    await page.goto(`${session.appUrl}/#/ablaeufe/gibt-es-nicht`);
    await eventually(() => page.getByRole('alert').innerText()).toContain('gibt es nicht');
    await page.getByRole('link', { name: 'Zur Übersicht' }).click();
    await at('#/ablaeufe');

    visited.add(page.url());
    const digits = (u: string) => decodeURIComponent(u).replace(/\D/g, '');
    const phone = digits(TYPED_NUMBER).slice(2); // without the country code
    expect([...visited].filter((u) => digits(u).includes(phone) || /\+49|%2B49/i.test(u))).toEqual([]);
  }, 90_000);

  it('keeps the language and the place over a reload (en-US)', async () => {
    const context = await page
      .context()
      .browser()!
      .newContext({
        viewport: { width: 1400, height: 900 },
        locale: 'en-US',
      });
    try {
      const en = await context.newPage();
      en.setDefaultTimeout(10_000);
      await en.goto(`${session.appUrl}/#/ablaeufe/${flowId}/versionen`);
      await en.getByRole('button', { name: 'English' }).click();
      await logIn(en);
      const versions = en.getByRole('tab', { name: 'Versions' });
      await eventually(() => versions.getAttribute('aria-selected')).toBe('true');
      await en
        .getByTestId('version-2')
        .getByRole('button', { name: /Changes since/ })
        .click();
      await eventually(() => new URL(en.url()).hash).toBe(`#/ablaeufe/${flowId}/versionen/vergleich/1/2`);
      await en.reload();
      await eventually(() => en.getByTestId('diff').innerText()).toContain('Version 2');
      expect(await en.getByRole('link', { name: 'Call flows' }).getAttribute('href')).toBe('#/ablaeufe');
      await en.screenshot({ path: join(SHOTS, '20-deep-link-en.png') });
    } finally {
      await context.close();
    }
  }, 60_000);
});
