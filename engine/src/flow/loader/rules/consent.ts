// The compliance rules around the AI notice and consent (privacy.md, AI Act Art. 50, R11):
// the first thing a caller hears is the AI notice with the consent question; nothing is
// collected before a "yes"; a "no" or an unclear answer leads to a human.
import { error, pointer, type Diagnostic } from '../../diagnostics';
import type { FlowNode } from '../../format/schema';
import { specOf, stepKinds } from '../../nodes';
import { edgesOf, reachable, type Edge } from '../graph';
import type { Rule } from './context';

/** Steps that listen to the caller: before a "yes" only the consent step itself may. */
const waitsBeforeConsent = (node: FlowNode): boolean =>
  node.kind !== 'consent' && (specOf(node)?.waitsForCaller(node) ?? false);

/**
 * Disclosure first. An `hours` step before the consent step is allowed: it speaks nothing, and
 * it lets a flow greet differently inside and outside opening hours (each path then starts with
 * its own consent step).
 */
export const consentFirst: Rule = ({ flow, nodes }) => {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const visit = (id: string, path: string): void => {
    if (seen.has(id) || !Object.hasOwn(nodes, id)) return;
    seen.add(id);
    const node = nodes[id];
    if (node.kind === 'hours') {
      for (const edge of edgesOf(id, node)) visit(edge.to, edge.path);
    } else if (node.kind !== 'consent') {
      out.push(
        error(
          'consent.not-first',
          path,
          `Als Erstes muss der Anrufende den KI-Hinweis mit der Frage nach der Einwilligung hören. Hier kommt zuerst der Schritt „${id}“; bitte beginnen Sie mit „${stepKinds.consent.words.de}“.`,
          `The caller must first hear the AI notice with the consent question. Here step “${id}” comes first; please start with “${stepKinds.consent.words.en}”.`,
        ),
      );
    }
  };
  visit(flow.start, '/start');
  return out;
};

/**
 * Nothing is collected before consent: collecting steps must not be reachable without a "yes".
 * Keyword triggers only fire after consent. The human escape works from the first second, but
 * before consent it takes the consent step's "no" exit (asking for a human instead of answering
 * is not consent), which consentRefusal checks — so its own target is not an entry here.
 */
export const consentBeforeCollect: Rule = ({ flow, nodes, edges }) => {
  const entries = [flow.start];
  const beforeConsent = reachable(
    nodes,
    entries,
    (_id, node, edge) => !(node.kind === 'consent' && edge.outcome === 'yes'),
    edges,
  );
  return [...beforeConsent]
    .filter((id) => waitsBeforeConsent(nodes[id]))
    .map((id) => {
      const what = specOf(nodes[id])?.words ?? { de: 'Schritt', en: 'step' };
      return error(
        'consent.missing-before-collect',
        pointer('nodes', id),
        `Die Einwilligung fehlt vor dem Schritt „${id}“ (${what.de}): Er fragt den Anrufenden, kann aber erreicht werden, ohne dass der Anrufende zugestimmt hat.`,
        `Consent is missing before step “${id}” (${what.en}): it asks the caller but can be reached without the caller having agreed.`,
      );
    });
};

/**
 * After "no" or an unclear answer the call goes to a human: through announcements and opening-
 * hours checks to a transfer, or, on the "closed" path of an opening-hours check, to a goodbye
 * (which stores nothing, since no question was asked).
 */
function refusalEndsWell(nodes: Readonly<Record<string, FlowNode>>, start: string): boolean {
  const seen = new Set<string>();
  // viaClosed: the path went through the "closed" exit of an opening-hours check.
  const ok = (id: string, { viaClosed }: { viaClosed: boolean }): boolean => {
    const key = `${id}|${viaClosed}`;
    if (seen.has(key)) return true; // a loop of announcements is judged by graph.no-end
    seen.add(key);
    const node = nodes[id];
    if (node === undefined) return true; // judged by graph.missing-target
    if (node.kind === 'handoff') return true;
    if (node.kind === 'end') return viaClosed;
    if (node.kind === 'say') return ok(node.next, { viaClosed });
    if (node.kind === 'hours')
      return ok(node.next.open, { viaClosed }) && ok(node.next.closed, { viaClosed: true });
    return false;
  };
  return ok(start, { viaClosed: false });
}

export const consentRefusal: Rule = ({ nodes }) => {
  const out: Diagnostic[] = [];
  for (const [id, node] of Object.entries(nodes)) {
    if (node.kind !== 'consent') continue;
    for (const edge of edgesOf(id, node).filter((e: Edge) => e.outcome !== 'yes')) {
      if (refusalEndsWell(nodes, edge.to)) continue;
      const answer = edge.outcome === 'no' ? { de: 'Nein', en: 'no' } : { de: 'unklar', en: 'unclear' };
      out.push(
        error(
          'consent.refusal-not-to-human',
          edge.path,
          `Ohne Einwilligung muss das Gespräch an Mitarbeitende gehen: Der Ausgang „${answer.de}“ von „${id}“ muss (über Ansagen oder Sprechzeiten) zu einer Weiterleitung führen – außerhalb der Sprechzeiten auch zu einer Verabschiedung.`,
          `Without consent the call must go to a human: exit “${answer.en}” of “${id}” must lead (via announcements or opening hours) to a transfer to staff — outside opening hours, a goodbye is fine too.`,
        ),
      );
    }
  }
  return out;
};
