// The designer with a big flow, in headless Chromium (Debian's chromium via playwright-core):
// (1) time to open a generated 500-step flow — from choosing the file until the canvas shows
//     every card and the first live check has finished (goal < 1.5 s);
// (2) one live re-check after an edit — graph → flow, loadFlow (validate + lint + compile) and
//     the friendly rewording, as the designer runs it after every change (goal < 16 ms, a frame).
// The page is served by a static server with the production CSP, no backend (offline mode).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../test/e2e/browser';
import { buildDesigner } from '../test/e2e/build';
import { serveStatic } from '../test/e2e/static-server';
import { generateFlow } from './compile.bench';

export const name = 'designer';
export const title = 'Designer: open a 500-step flow and re-check it live (headless Chromium)';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const STEPS = 500;
const OPEN_RUNS = 5;
const EDITS = 30;
const OPEN_GOAL_MS = 1500;
const CHECK_GOAL_MS = 16;

function bigFlow(): Record<string, unknown> {
  const flow = generateFlow(STEPS) as { nodes: Record<string, unknown>; layout?: unknown };
  const ids = Object.keys(flow.nodes);
  // A plausible drawing: 20 columns, like a user's wide flow after "arrange".
  flow.layout = { nodes: Object.fromEntries(ids.map((id, i) => [id, { x: (i % 20) * 300, y: Math.floor(i / 20) * 220 }])) };
  return flow;
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor((s.length - 1) * p))];
  return { median: at(0.5), p95: at(0.95), min: s[0] };
};

async function openOnce(page: Page, url: string, json: Buffer): Promise<{ ms: number; cards: number }> {
  await page.goto(url);
  await page.getByRole('button', { name: /Ohne Server/ }).click();
  const input = page.locator('input[type=file]');
  await input.waitFor({ state: 'attached' });
  const t0 = Date.now();
  await input.setInputFiles({ name: 'gross.flow.json', mimeType: 'application/json', buffer: json });
  await page.waitForFunction(
    (n) =>
      document.querySelectorAll('.react-flow__node').length >= n &&
      document.querySelector('[data-testid=problems]')?.getAttribute('data-revision') !== '-1',
    STEPS,
    { timeout: 30_000, polling: 'raf' },
  );
  // The frame that shows it.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
  const ms = Date.now() - t0;
  return { ms, cards: await page.locator('.react-flow__node').count() };
}

async function recheckTimes(page: Page): Promise<{ times: number[]; errors: number }> {
  await page.getByRole('tab', { name: 'Einstellungen' }).click();
  const nameInput = page.getByLabel('Name des Anrufablaufs');
  const problems = page.getByTestId('problems');
  const times: number[] = [];
  for (let i = 0; i < EDITS; i++) {
    const before = await problems.getAttribute('data-revision');
    await nameInput.press(i % 2 ? 'Backspace' : 'x');
    await page.waitForFunction((b) => document.querySelector('[data-testid=problems]')?.getAttribute('data-revision') !== b, before);
    times.push(Number(await problems.getAttribute('data-check-ms')));
  }
  return { times, errors: await problems.locator('li.error').count() };
}

export async function run(): Promise<{ markdown: string }> {
  buildDesigner(ROOT);
  const server = await serveStatic(join(ROOT, 'designer/dist'));
  const { browser, close } = await launchBrowser();
  try {
    const json = Buffer.from(JSON.stringify(bigFlow()));
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const opens: number[] = [];
    let cards = 0;
    for (let i = 0; i < OPEN_RUNS; i++) {
      const r = await openOnce(page, server.url, json);
      opens.push(r.ms);
      cards = r.cards;
    }
    const check = await recheckTimes(page);
    const o = stats(opens);
    const c = stats(check.times);
    const verdict = (ok: boolean) => (ok ? '**meets the goal**' : '**misses the goal**');
    const markdown = [
      `Generated flow: ${STEPS} steps (${(json.length / 1024).toFixed(0)} KiB JSON), all ${cards} cards on the canvas, ${check.errors} errors. Chromium headless, software rendering, 1600×1000.`,
      '',
      '| what | median (ms) | p95 (ms) | runs |',
      '|---|---:|---:|---:|',
      `| open: import file → canvas drawn and first live check done | ${o.median.toFixed(0)} | ${o.p95.toFixed(0)} | ${OPEN_RUNS} |`,
      `| one live re-check after an edit (graph→flow + \`loadFlow\` + wording) | ${c.median.toFixed(1)} | ${c.p95.toFixed(1)} | ${EDITS} |`,
      '',
      `Goal open < ${OPEN_GOAL_MS} ms: ${verdict(o.median < OPEN_GOAL_MS)}. Goal re-check < ${CHECK_GOAL_MS} ms (one frame): ${verdict(c.median < CHECK_GOAL_MS)}.`,
    ].join('\n');
    return { markdown };
  } finally {
    await close();
    await server.close();
  }
}
