// A practice without an integrator runs a zero-persistence flow: „Ohne Speicherung“ is ticked in
// the settings (the retention choice comes back when it is unticked again), the checker accepts
// the inbox as the only delivery, a live test call lands in the volatile inbox, is marked done
// and is gone — and nothing of the call is found in the server's data directory.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanFiles } from '../privacy/canary';
import { openDesigner, type DesignerSession } from './app-proxy';
import { ownerApi, type OwnerCall } from './owner-api';
import { ADMIN } from './server';

let session: DesignerSession | undefined;
let page: Page;
let api: OwnerCall;

const eventually = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000, interval: 100 });
// Names nobody else uses: if any of them is found in a file, the call left a trace.
const CANARY_NAME = 'Quirina Zwetschgenbaum';
const CANARY_MEDICINE = 'Kanarienolol';
const AT = '2026-11-25T10:00:00+01:00'; // Wednesday 10:00 in Berlin: the practice is open.

interface Settings {
  zeroPersistence: boolean;
  retention: { mode: string; days?: number };
  delivery: { inbox: boolean; webhookUrl?: string };
}
type Draft = { document: { settings: Settings }; diagnostics: { code: string; severity: string }[] };

describe('the volatile inbox (real server, Chromium)', () => {
  beforeAll(async () => {
    session = await openDesigner();
    page = session.page;
    api = await ownerApi(session.server.url);
  }, 85_000);

  afterAll(async () => {
    await session?.close();
  });

  it('ticking „Ohne Speicherung“ keeps the inbox, unticking restores the retention, a test call lives in memory only', async () => {
    page.setDefaultTimeout(15_000);
    const { flows } = await api<{ flows: { id: string; slug: string }[] }>('GET', '/api/flows');
    const flowId = flows.find((f) => f.slug === 'arztpraxis')!.id;
    const draft = () => api<Draft>('GET', `/api/flows/${flowId}/draft`);
    expect((await draft()).document.settings.retention).toEqual({ mode: 'ttl', days: 7 });

    await page.goto(`${session!.appUrl}/#/ablaeufe/${flowId}/einstellungen`);
    await page.getByLabel('E-Mail-Adresse').fill(ADMIN.email);
    await page.getByLabel('Passwort').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
    const noStorage = page.getByLabel('Ohne Speicherung (nur Arbeitsspeicher)');
    const retention = page.getByLabel('Aufbewahrung', { exact: true });

    // Tick: deletion right after delivery, one sentence on what the inbox now is.
    await noStorage.check();
    await expect.poll(() => retention.inputValue()).toBe('immediate');
    const sentence = await page.getByTestId('volatile-inbox').innerText();
    expect(sentence).toContain('nur im Arbeitsspeicher des Servers');
    expect(sentence).toContain('nach 24 Stunden');
    // Untick: the earlier choice (7 days) is back; tick again for the call below.
    await noStorage.uncheck();
    await expect.poll(() => retention.inputValue()).toBe('ttl');
    expect(await page.getByLabel('Tage').inputValue()).toBe('7');
    await expect.poll(() => page.getByTestId('volatile-inbox').count()).toBe(0);
    await noStorage.check();

    // Autosaved, and the checker has no objection to the inbox as the only delivery.
    await eventually(async () => (await draft()).document.settings.zeroPersistence).toBe(true);
    const saved = await draft();
    expect(saved.document.settings.delivery).toEqual({ inbox: true });
    expect(saved.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);

    const sim = await api<{ outcome: string; live: { txId: string; stored: boolean } | null }>(
      'POST',
      `/api/flows/${flowId}/simulate`,
      {
        version: 'draft',
        at: AT,
        live: true,
        turns: [
          { say: 'Ja, gerne.' },
          { say: `Mein Name ist ${CANARY_NAME}` },
          { say: 'dritter März neunzehnhundertachtzig' },
          { say: 'ja' },
          { say: 'null eins sieben eins, eins zwei drei vier fünf sechs sieben' },
          { say: 'Ja, genau.' },
          { say: 'Ich brauche ein Folgerezept.' },
          { say: `${CANARY_MEDICINE} fünf Milligramm` },
        ],
      },
    );
    expect(sim.live).toMatchObject({ stored: false });
    const txId = sim.live!.txId;

    await page.getByRole('link', { name: 'Posteingang' }).click();
    const row = page.getByTestId(`note-${txId}`);
    await eventually(() => row.innerText()).toContain('Quirina');
    expect(await row.innerText()).toContain('nur im Arbeitsspeicher');
    await row.getByRole('link', { name: /Öffnen/ }).click();
    await page.getByRole('button', { name: /Erledigt/ }).click();
    // Done means gone: the note was only ever in memory.
    await page.getByRole('link', { name: 'Posteingang' }).click();
    await eventually(() => page.getByTestId(`note-${txId}`).count()).toBe(0);
    const inbox = await api<{ calls: { txId: string }[] }>('GET', '/api/calls');
    expect(inbox.calls.map((n) => n.txId)).not.toContain(txId);

    for (const canary of [CANARY_NAME, CANARY_MEDICINE])
      expect(scanFiles([session!.server.dataDir], canary), canary).toEqual([]);
  }, 180_000);
});
