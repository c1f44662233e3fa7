// The axe-core accessibility check in the test browser. Its source is injected as a script, which
// the designer's CSP forbids — so only a context opened with `bypassCSP: true` may use this.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Serious and critical violations on the page as it is now: "rule: what it hit (why)". */
export async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
  // The page runs axe; only its plain results come back.
  const results: AxeResults = await page.evaluate(() =>
    (window as Window & { axe?: { run(ctx: Document): Promise<AxeResults> } }).axe!.run(document),
  );
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} (${n.failureSummary ?? ''})`));
}
