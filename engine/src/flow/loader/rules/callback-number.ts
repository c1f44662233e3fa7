// A callback request on a path where no callback number was asked: the law-office case, where the
// caller presses 0 before giving a number, nobody answers, and the fallback notes "a callback"
// with nothing to call. At run time the step then secures a number itself (the caller ID read back
// for confirmation, or a question — nodes/callback-number.ts); the checker points out such paths
// so the flow says in its own words what it asks (`numberPrompt`), or asks the number earlier.
import { pointer, warning, type Diagnostic } from '../../diagnostics';
import type { CallbackNode } from '../../format/schema';
import { globalEdges, reachable, type Edge } from '../graph';
import type { LintContext, Rule } from './context';

/** Keys whose value the callback step takes as its number (see collectedNumber). */
function numberKeys(ctx: LintContext, node: CallbackNode): Set<string> {
  const keys = new Set<string>();
  if (node.numberField !== undefined) keys.add(node.numberField);
  for (const [key, sites] of ctx.fields)
    if (sites.some((s) => s.field.role === 'callbackNumber')) keys.add(key);
  return keys;
}

/** Steps reachable from `from` without passing a step that asks one of `keys`. */
function reachableWithoutAsking(ctx: LintContext, from: string, keys: Set<string>): Set<string> {
  const asks = (id: string): boolean => {
    const n = ctx.nodes[id];
    return n?.kind === 'intake' && n.fields.some((f) => keys.has(f.key));
  };
  return reachable(ctx.nodes, [from], (id) => !asks(id), ctx.edges);
}

/** How the caller gets there, in words: from the start, or through the escape or a keyword trigger. */
function way(ctx: LintContext, entry: Edge | null): { de: string; en: string } {
  if (entry === null) return { de: 'auf einem Weg vom Anfang', en: 'on a path from the start' };
  if (entry.outcome === 'humanEscape')
    return { de: 'über „Mensch, bitte“ (Wort oder Taste)', en: 'through “human, please” (words or key)' };
  const id = entry.outcome.replace(/^trigger:/, '');
  const label = ctx.flow.triggers.find((t) => t.id === id)?.label ?? id;
  return { de: `über den Stichwort-Auslöser „${label}“`, en: `through the keyword trigger “${label}”` };
}

export const callbackNumberAsked: Rule = (ctx) => {
  const out: Diagnostic[] = [];
  const entries: (Edge | null)[] = [null, ...globalEdges(ctx.flow)];
  for (const [id, node] of Object.entries(ctx.nodes)) {
    if (node.kind !== 'callback' || node.numberPrompt !== undefined) continue;
    const keys = numberKeys(ctx, node);
    const entry = entries.find((e) => reachableWithoutAsking(ctx, e?.to ?? ctx.flow.start, keys).has(id));
    if (entry === undefined) continue;
    const w = way(ctx, entry);
    out.push(
      warning(
        'callback.number-not-asked',
        pointer('nodes', id),
        `Der Rückrufwunsch „${id}“ kann ${w.de} erreicht werden, bevor eine Rückrufnummer erfragt wurde. Dann bietet er die Nummer des Anrufenden zur Bestätigung an oder fragt mit einer Standardfrage danach. Legen Sie dafür eine eigene „Frage nach der Rückrufnummer“ fest, oder fragen Sie die Nummer auf jedem Weg vorher ab.`,
        `Callback request “${id}” can be reached ${w.en} before a callback number was asked. It then offers the caller's own number for confirmation or asks for one with a built-in question. Give it its own “question for the callback number”, or ask for the number earlier on every path.`,
      ),
    );
  }
  return out;
};
