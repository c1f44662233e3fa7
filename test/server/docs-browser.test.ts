// The API reference page in a real browser under the server's CSP: Swagger UI loads from our
// own origin, renders the operations, and the browser reports no CSP violation.
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../engine/src/http/serve';
import { CHROMIUM, launchBrowser } from '../e2e/browser';
import { createHarness } from './harness';

const available = existsSync(CHROMIUM);
let running: RunningServer | undefined;
let browser: { browser: Browser; close(): Promise<void> } | undefined;

beforeAll(async () => {
  if (!available) return;
  const h = await createHarness();
  running = await startServer(h.app.fetch, { port: 0, host: '127.0.0.1', tls: undefined });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await running?.drain(0);
});

describe('API docs page', () => {
  it.skipIf(!available)(
    'renders Swagger UI without CSP violations or requests to other origins',
    async () => {
      const page = await browser!.browser.newPage();
      const problems: string[] = [];
      const foreignRequests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('request', (r) => {
        if (!r.url().startsWith(`http://127.0.0.1:${running!.port}/`) && !r.url().startsWith('data:'))
          foreignRequests.push(r.url());
      });
      await page.goto(`http://127.0.0.1:${running!.port}/api/docs`);
      await page.getByText('/api/flows/{id}/draft').first().waitFor({ timeout: 15_000 });
      expect(await page.locator('.opblock').count()).toBeGreaterThan(15);
      expect(problems.filter((p) => /Content Security Policy|Refused/i.test(p))).toEqual([]);
      expect(foreignRequests).toEqual([]);
    },
  );
});
