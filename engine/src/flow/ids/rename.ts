// Renaming an id together with everything that points at it, so a draft is never left half
// renamed: a step's id is named by exits, the start, the human escape and triggers; a detail's key
// by branches, the callback number and `{key}` placeholders; a branch option's id is its exit name.
import type { Flow, FlowNode } from '../format/schema';
import { PLACEHOLDER } from '../format/placeholders';
import { exitsOf, specOf } from '../nodes/index';

const renameKey = <V>(record: Record<string, V>, from: string, to: string): Record<string, V> =>
  Object.fromEntries(Object.entries(record).map(([k, v]) => [k === from ? to : k, v]));

function retarget(node: FlowNode, from: string, to: string): FlowNode {
  const spec = specOf(node);
  if (!spec) return node;
  let out = node;
  for (const { exit, target } of exitsOf(node)) if (target === from) out = spec.withExit(out, exit, to);
  return out;
}

/** The step `from` is called `to` from now on, in every place that names it. */
export function renameStep(flow: Flow, from: string, to: string): Flow {
  if (from === to || !(from in flow.nodes) || to in flow.nodes) return flow;
  const nodes = renameKey(flow.nodes, from, to);
  for (const [id, node] of Object.entries(nodes)) nodes[id] = retarget(node, from, to);
  const same = (id: string) => (id === from ? to : id);
  return {
    ...flow,
    start: same(flow.start),
    humanEscape: { ...flow.humanEscape, target: same(flow.humanEscape.target) },
    triggers: flow.triggers.map((t) => (t.goto === from ? { ...t, goto: to } : t)),
    nodes,
    ...(flow.layout && { layout: { nodes: renameKey(flow.layout.nodes, from, to) } }),
  };
}

/** Every string of a step with `{from}` placeholders written as `{to}` (all its spoken texts). */
function renamePlaceholders<T>(value: T, from: string, to: string): T {
  if (typeof value === 'string')
    return value.replace(PLACEHOLDER, (whole, key: string) => (key === from ? `{${to}}` : whole)) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => renamePlaceholders(v, from, to)) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, renamePlaceholders(v, from, to)]),
    ) as T;
  return value;
}

function usesOf(node: FlowNode, from: string, to: string): FlowNode {
  const spoken = renamePlaceholders(node, from, to);
  if (spoken.kind === 'branch' && spoken.field === from) return { ...spoken, field: to };
  if (spoken.kind === 'callback' && spoken.numberField === from) return { ...spoken, numberField: to };
  return spoken;
}

/**
 * The detail at `fields[index]` of step `stepId` gets the key `to`. What reads the key is renamed
 * with it — unless another step still asks a detail under the old key, which it then keeps meaning.
 */
export function renameField(flow: Flow, stepId: string, index: number, to: string): Flow {
  const step = flow.nodes[stepId];
  if (step?.kind !== 'intake' || !step.fields[index]) return flow;
  const from = step.fields[index].key;
  if (from === to) return flow;
  const fields = step.fields.map((f, i) => (i === index ? { ...f, key: to } : f));
  const nodes = { ...flow.nodes, [stepId]: { ...step, fields } };
  const stillAsked = Object.values(nodes).some(
    (n) => n.kind === 'intake' && n.fields.some((f) => f.key === from),
  );
  if (stillAsked) return { ...flow, nodes };
  for (const [id, node] of Object.entries(nodes)) nodes[id] = usesOf(node, from, to);
  return { ...flow, nodes };
}

/** The branch option at `options[index]` of step `stepId` gets the id (and exit name) `to`. */
export function renameOption(flow: Flow, stepId: string, index: number, to: string): Flow {
  const step = flow.nodes[stepId];
  if (step?.kind !== 'branch' || !step.options[index]) return flow;
  const options = step.options.map((o, i) => (i === index ? { ...o, id: to } : o));
  return { ...flow, nodes: { ...flow.nodes, [stepId]: { ...step, options } } };
}

/** The keyword trigger at `triggers[index]` gets the id `to` (nothing in a flow points at it). */
export function renameTrigger(flow: Flow, index: number, to: string): Flow {
  return { ...flow, triggers: flow.triggers.map((t, i) => (i === index ? { ...t, id: to } : t)) };
}
