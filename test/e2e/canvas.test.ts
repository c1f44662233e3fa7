// The canvas at first sight: it opens readable (zoom ≥ 0.8) around the marked start, or the whole
// flow when small; a step added from the palette lands beside the selected one and continues it;
// handles are big and a connection can be dropped anywhere on a card; the overview map is a toggle.
// German, then one run in English. Screenshots: test-results/screenshots/32-*.png.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, type DesignerSession } from './app-proxy';
import { demoPractice, eventually, inEnglish, openDesignerPage, shot } from './designer-page';
import type { OwnerCall } from './owner-api';

let session: DesignerSession;
let page: Page;
let call: OwnerCall;
let practiceId = '';

/** The canvas zoom, read from the viewport's transform. */
async function zoom(p: Page): Promise<number> {
  const transform = await p
    .locator('.react-flow__viewport')
    .evaluate((el) => (el as HTMLElement).style.transform);
  return Number(/scale\(([\d.]+)\)/.exec(transform)?.[1] ?? NaN);
}

/** A card's place on the canvas in flow coordinates (the screen moves when a new card is centred). */
async function placeOf(p: Page, id: string): Promise<{ x: number; y: number }> {
  const transform = await p
    .locator(`.react-flow__node[data-id="${id}"]`)
    .evaluate((el) => (el as HTMLElement).style.transform);
  const [, x, y] = /translate\(([-\d.]+)px, ([-\d.]+)px\)/.exec(transform) ?? [];
  return { x: Number(x), y: Number(y) };
}

/** True when the element lies completely inside the visible canvas. */
async function onScreen(p: Page, selector: string): Promise<boolean> {
  const canvas = await p.locator('.react-flow').boundingBox();
  const box = await p.locator(selector).boundingBox();
  if (!canvas || !box) return false;
  return (
    box.x >= canvas.x &&
    box.y >= canvas.y &&
    box.x + box.width <= canvas.x + canvas.width &&
    box.y + box.height <= canvas.y + canvas.height
  );
}

/** Two animation frames: whatever React Flow does in answer to a scroll or a pan has been drawn. */
const nextFrames = (page: Page) =>
  page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

describe('the canvas at first sight (real server)', () => {
  beforeAll(async () => {
    session = await openDesignerPage();
    page = session.page;
    ({ call, practiceId } = await demoPractice(session));
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  it('opens a big flow readable at its marked start', async () => {
    await page.goto(`${session.appUrl}/#/ablaeufe/${practiceId}`);
    await logIn(page);
    const start = page.getByTestId('step-begruessung');
    await start.waitFor();
    await eventually(() => zoom(page)).toBeGreaterThanOrEqual(0.8);
    expect(await zoom(page)).toBeLessThanOrEqual(1);
    await eventually(() => onScreen(page, '[data-testid="step-begruessung"]')).toBe(true);
    expect(await start.locator('.badge.start').innerText()).toBe('▶ Anfang des Anrufs');
    expect(await start.getAttribute('class')).toContain('start');
    // Handles are big enough to hit.
    const handle = await start.locator('.out-handle').first().boundingBox();
    expect(handle!.width).toBeGreaterThanOrEqual(14);
    await shot(page, '32-big-flow-start');
  }, 60_000);

  it('keeps a half-hidden card where the browser brought it into view, and selects it with one click', async () => {
    // The practice flow opens around its start; „Praxis geschlossen" is partly outside the canvas.
    await page.locator('.canvas[data-view="ready"]').waitFor();
    const selector = '[data-testid="step-geschlossen"]';
    expect(await onScreen(page, selector)).toBe(false);
    // What a browser does before a click or when Tab focuses the card: it scrolls the canvas.
    const card = page.locator(selector);
    await card.scrollIntoViewIfNeeded();
    const broughtIn = await card.boundingBox();
    // Two frames later (React Flow has seen the scroll) the card is still there, fully visible,
    // and the canvas element is not left scrolled: the scroll became a pan.
    await nextFrames(page);
    expect(await card.boundingBox()).toEqual(broughtIn);
    expect(await onScreen(page, selector)).toBe(true);
    expect(await page.locator('.react-flow').evaluate((el) => [el.scrollLeft, el.scrollTop])).toEqual([0, 0]);
    await card.click();
    await page.getByRole('textbox', { name: 'Text der Ansage' }).waitFor();
  }, 60_000);

  it('shows a small flow whole, adds steps beside the selected one, connects by dropping on a card', async () => {
    type Created = { flow: { id: string } };
    const { flow } = await call<Created>('POST', '/api/flows', { template: 'leer', name: 'Klein' });
    await page.goto(`${session.appUrl}/#/ablaeufe/${flow.id}`);
    await page.getByTestId('step-abschluss').waitFor();
    await eventually(() => zoom(page)).toBeGreaterThanOrEqual(0.8);
    for (const id of ['begruessung', 'weiterleitung', 'abschluss'])
      await eventually(() => onScreen(page, `[data-testid="step-${id}"]`)).toBe(true);

    const edges = page.locator('.react-flow__edge');
    const before = await edges.count();
    const palette = page.getByRole('navigation', { name: 'Schritte hinzufügen' });
    // Nothing selected: the new announcement goes below the flow, unconnected.
    await palette.getByRole('button', { name: /Ansage/ }).click();
    const first = page.locator('.react-flow__node.selected');
    await first.waitFor();
    const firstId = (await first.getAttribute('data-id'))!;
    const firstPlace = await placeOf(page, firstId);
    expect(await edges.count()).toBe(before);
    // With it selected: the next one lands to its right and continues it.
    await palette.getByRole('button', { name: /Ansage/ }).click();
    await eventually(() => edges.count()).toBe(before + 1);
    const second = page.locator('.react-flow__node.selected');
    const secondId = (await second.getAttribute('data-id'))!;
    expect(secondId).not.toBe(firstId);
    const secondPlace = await placeOf(page, secondId);
    expect(secondPlace.x).toBeGreaterThanOrEqual(firstPlace.x + 260);
    expect(secondPlace.y).toBe(firstPlace.y);
    expect(await page.getByTestId(`step-${firstId}`).locator('.out-label.open').count()).toBe(0);

    // Drag from the second step's open exit and let go in the middle of the goodbye card.
    await page.getByTestId('step-abschluss').scrollIntoViewIfNeeded();
    await nextFrames(page); // the scroll becomes a pan (scrollAsPan.ts): read the places after it
    const from = (await page.getByTestId(`step-${secondId}`).locator('.out-handle').boundingBox())!;
    const to = (await page.getByTestId('step-abschluss').boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2 + 10, { steps: 12 });
    await page.mouse.up();
    await eventually(() => edges.count()).toBe(before + 2);
    expect(await page.getByTestId(`step-${secondId}`).locator('.out-label.open').count()).toBe(0);
    await shot(page, '32-small-flow-added');
  }, 60_000);

  it('shows the overview map only when asked', async () => {
    const map = page.locator('.react-flow__minimap');
    expect(await map.count()).toBe(0);
    await page.getByRole('button', { name: 'Übersichtskarte zeigen' }).click();
    await map.waitFor();
    await page.getByRole('button', { name: 'Übersichtskarte ausblenden' }).click();
    await eventually(() => map.count()).toBe(0);
  }, 30_000);

  it('marks the start in English too (en-US)', async () => {
    await inEnglish(session, `#/ablaeufe/${practiceId}`, async (en) => {
      const start = en.getByTestId('step-begruessung');
      await start.waitFor();
      expect(await start.locator('.badge.start').innerText()).toBe('▶ Call starts here');
      await eventually(() => zoom(en)).toBeGreaterThanOrEqual(0.8);
      expect(await en.getByRole('button', { name: 'Show the overview map' }).count()).toBe(1);
    });
  }, 60_000);
});
