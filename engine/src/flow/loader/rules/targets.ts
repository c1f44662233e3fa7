// Every reference to a step must name a step that exists: the start, each step's next steps,
// trigger jumps and the human escape.
import { error, type Diagnostic } from '../../diagnostics';
import { globalEdges, type Edge } from '../graph';
import type { Rule } from './context';

function missing(edge: Edge, what: { de: string; en: string }): Diagnostic {
  return error(
    'graph.missing-target',
    edge.path,
    `${what.de} führt zum Schritt „${edge.to}“, den es nicht gibt. Bitte wählen Sie einen vorhandenen Schritt.`,
    `${what.en} leads to step “${edge.to}”, which does not exist. Please choose an existing step.`,
  );
}

export const targets: Rule = ({ flow, nodes, edges }) => {
  const out: Diagnostic[] = [];
  const exists = (id: string): boolean => Object.hasOwn(nodes, id);
  if (!exists(flow.start)) {
    out.push(
      missing(
        { to: flow.start, outcome: 'start', path: '/start' },
        { de: 'Der Anfang des Ablaufs', en: 'The start of the flow' },
      ),
    );
  }
  for (const [id, node] of Object.entries(nodes)) {
    for (const edge of edges(id, node)) {
      if (!exists(edge.to)) {
        out.push(
          missing(edge, {
            de: `Der Ausgang „${edge.outcome}“ von Schritt „${id}“`,
            en: `Exit “${edge.outcome}” of step “${id}”`,
          }),
        );
      }
    }
  }
  for (const edge of globalEdges(flow)) {
    if (exists(edge.to)) continue;
    const what =
      edge.outcome === 'humanEscape'
        ? { de: 'Der „Mensch, bitte“-Ausweg', en: 'The “human, please” escape' }
        : {
            de: `Der Stichwort-Auslöser „${edge.outcome.slice(8)}“`,
            en: `Keyword trigger “${edge.outcome.slice(8)}”`,
          };
    out.push(missing(edge, what));
  }
  return out;
};
