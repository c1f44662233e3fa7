// Transfers to staff: the human escape must lead to one, transfer targets come from the
// organisation's allow-list, and a transfer that nobody answers must not retry forever.
import { error, pointer, type Diagnostic } from '../../diagnostics';
import type { FlowNode } from '../../format/schema';
import { specOf } from '../../nodes';
import type { Rule } from './context';

/** A step that moves on without the caller (an announcement, an hours check, a transfer). */
const passive = (node: FlowNode): boolean => !(specOf(node)?.waitsForCaller(node) ?? true);

export const escapeTarget: Rule = ({ flow, nodes }) => {
  const target = nodes[flow.humanEscape.target];
  if (target === undefined || target.kind === 'handoff') return [];
  return [
    error(
      'escape.target-not-handoff',
      '/humanEscape/target',
      `„Mensch, bitte“ muss zu einer Weiterleitung an Mitarbeitende führen; „${flow.humanEscape.target}“ ist aber ein anderer Schritt.`,
      `“Human, please” must lead to a transfer to staff, but “${flow.humanEscape.target}” is a different kind of step.`,
    ),
  ];
};

export const handoffTargetAllowed: Rule = ({ nodes, options }) => {
  const allowed = options.handoffTargets;
  if (allowed === undefined) return [];
  return Object.entries(nodes).flatMap(([id, node]) =>
    node.kind !== 'handoff' || allowed.includes(node.target)
      ? []
      : [
          error(
            'handoff.target-not-allowed',
            pointer('nodes', id, 'target'),
            `Das Weiterleitungsziel „${node.target}“ ist in Ihrer Organisation nicht freigegeben. Freigegeben: ${allowed.join(', ') || '(keines)'}.`,
            `Transfer target “${node.target}” is not on your organisation's allow-list. Allowed: ${allowed.join(', ') || '(none)'}.`,
          ),
        ],
  );
};

/**
 * When nobody answers, the fallback must not lead back into the same transfer through steps that
 * wait for the caller (announcements, opening-hours checks, other transfers): that loop would ring
 * forever. A path through a question gives the caller a way out, so it is fine.
 */
export const handoffFallbackLoop: Rule = ({ nodes, edges }) => {
  const out: Diagnostic[] = [];
  for (const [id, node] of Object.entries(nodes)) {
    if (node.kind !== 'handoff') continue;
    const seen = new Set<string>();
    const stack = [node.next.fallback];
    let loops = false;
    while (stack.length > 0 && !loops) {
      const cur = stack.pop() as string;
      if (cur === id) loops = true;
      else if (!seen.has(cur) && nodes[cur] !== undefined && passive(nodes[cur])) {
        seen.add(cur);
        for (const e of edges(cur, nodes[cur])) stack.push(e.to);
      }
    }
    if (loops) {
      out.push(
        error(
          'handoff.fallback-loop',
          pointer('nodes', id, 'next', 'fallback'),
          `Wenn bei „${id}“ niemand abhebt, führt der Ausweg wieder zu derselben Weiterleitung – der Anrufende hinge endlos in der Warteschleife. Bitte lassen Sie den Ausweg zu einer Verabschiedung oder einem Rückrufwunsch führen.`,
          `When nobody answers at “${id}”, the fallback leads back into the same transfer — the caller would wait forever. Please let the fallback lead to a goodbye or a callback request.`,
        ),
      );
    }
  }
  return out;
};
