// Looks for a flow's ids in what a person sees: the visible text of the page and the values of
// visible inputs (a closed „Für Integratoren“ area is not visible, so its ids are not found).
import type { Page } from 'playwright-core';

type Doc = {
  nodes: Record<string, { fields?: { key: string }[]; options?: { id: string }[] }>;
  triggers: { id: string; flag?: string }[];
};

// Properties whose strings are ids, not words someone wrote.
const REFERENCES = new Set([
  'id',
  'key',
  'next',
  'default',
  'start',
  'target',
  'goto',
  'numberField',
  'field',
]);

/**
 * The ids of steps, details, branch paths and triggers (and the marks triggers set) of the given drafts, without those that are
 * also an ordinary word of the flow's texts („geschlossen“ in „Die Praxis ist gerade geschlossen“):
 * seeing such a word says nothing.
 */
export function idsOf(...docs: Doc[]): Set<string> {
  const ids = new Set<string>();
  const words = new Set<string>();
  const walk = (v: unknown, key = ''): void => {
    if (typeof v === 'string' && !REFERENCES.has(key))
      for (const w of v.split(/[^\p{L}\d_-]+/u)) words.add(w);
    else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v && typeof v === 'object' && !REFERENCES.has(key))
      for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  for (const doc of docs) {
    for (const [id, node] of Object.entries(doc.nodes)) {
      ids.add(id);
      for (const f of node.fields ?? []) ids.add(f.key);
      for (const o of node.options ?? []) ids.add(o.id);
    }
    for (const t of doc.triggers) for (const id of [t.id, t.flag]) if (id) ids.add(id);
    walk(doc);
  }
  for (const w of words) ids.delete(w);
  return ids;
}

/** The ids of `ids` that stand as a word in the page's visible text or visible inputs. */
export async function visibleIds(page: Page, ids: ReadonlySet<string>): Promise<string[]> {
  const text = await page.evaluate(() => {
    const values = [...document.querySelectorAll('input, textarea, select')]
      .filter((el) => (el as HTMLElement).checkVisibility())
      .map((el) =>
        el instanceof HTMLSelectElement
          ? (el.selectedOptions[0]?.text ?? '')
          : (el as HTMLInputElement).value,
      );
    return [document.body.innerText, ...values].join('\n');
  });
  return [...ids].filter((id) => new RegExp(`(?<![\\p{L}\\d_-])${id}(?![\\p{L}\\d_-])`, 'u').test(text));
}
