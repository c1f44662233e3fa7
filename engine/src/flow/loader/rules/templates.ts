// "{key}" placeholders in spoken text are filled from collected details. A placeholder must
// name a detail the flow asks for, and that detail should be asked before the text is spoken.
import { error, warning, type Diagnostic } from '../../diagnostics';
import { placeholderKeys } from '../../format/placeholders';
import { spokenTexts } from '../../format/spoken-texts';
import { globalEdges, reachable, successors } from '../graph';
import type { LintContext, Rule } from './context';

/** Cache key of the steps that can be entered at any moment (a node id can never contain a space). */
const ANYTIME = ' anytime';

function askedBefore(
  ctx: LintContext,
  key: string,
  id: string,
  fieldIndex: number | undefined,
  cache: Map<string, Set<string>>,
): boolean {
  // Steps behind a trigger or the human escape can be entered at any moment, also after the detail was asked.
  if (cache.get(ANYTIME)?.has(id)) return true;
  return (ctx.fields.get(key) ?? []).some((site) => {
    if (site.nodeId === id && fieldIndex !== undefined && site.index < fieldIndex) return true;
    let after = cache.get(site.nodeId);
    if (after === undefined) {
      const node = ctx.nodes[site.nodeId];
      after = reachable(ctx.nodes, successors(node), undefined, ctx.edges);
      cache.set(site.nodeId, after);
    }
    return after.has(id);
  });
}

export const templates: Rule = (ctx) => {
  const out: Diagnostic[] = [];
  const cache = new Map<string, Set<string>>([
    [
      ANYTIME,
      reachable(
        ctx.nodes,
        globalEdges(ctx.flow).map((e) => e.to),
        undefined,
        ctx.edges,
      ),
    ],
  ]);
  for (const [id, node] of Object.entries(ctx.nodes)) {
    for (const spoken of spokenTexts(id, node)) {
      for (const key of placeholderKeys(spoken.text)) {
        if (!ctx.fields.has(key)) {
          out.push(
            error(
              'template.unknown-field',
              spoken.path,
              `Der Platzhalter „{${key}}“ im Schritt „${id}“ nennt keine Angabe, die erfragt wird. Bitte prüfen Sie die Schreibweise.`,
              `Placeholder “{${key}}” in step “${id}” names no detail that is asked for. Please check the spelling.`,
            ),
          );
        } else if (!askedBefore(ctx, key, id, spoken.fieldIndex, cache)) {
          out.push(
            warning(
              'template.not-asked-yet',
              spoken.path,
              `Der Platzhalter „{${key}}“ im Schritt „${id}“ wird verwendet, bevor „${key}“ erfragt wurde; dort wäre er noch leer („unbekannt“).`,
              `Placeholder “{${key}}” in step “${id}” is used before “${key}” is asked; there it would still be empty (“unknown”).`,
            ),
          );
        }
      }
    }
  }
  return out;
};
