// Naming edits: a new title or label, and the id that follows it while it is not yet a contract
// (derive.ts). Each returns the whole flow, references renamed, so the designer applies it as one
// edit (one undo step).
import type { Flow } from '../format/schema';
import { idFromName, type FixedIds } from './derive';
import { renameField, renameOption, renameStep, renameTrigger } from './rename';

/** Sets the step's title ("" removes it) and, unless its id is fixed, derives the id from it. */
export function retitleStep(
  flow: Flow,
  id: string,
  title: string,
  fixed: FixedIds,
): { flow: Flow; id: string } {
  const node = flow.nodes[id];
  if (!node) return { flow, id };
  const { title: _old, ...rest } = node;
  const titled = { ...flow, nodes: { ...flow.nodes, [id]: title ? { ...rest, title } : rest } };
  if (fixed.steps.has(id)) return { flow: titled, id };
  const next = idFromName('step', title, (x) => x !== id && (x in flow.nodes || fixed.steps.has(x)));
  if (!next || next === id) return { flow: titled, id };
  return { flow: renameStep(titled, id, next), id: next };
}

/** Sets a detail's label and, unless its key is fixed, derives the key from it. */
export function relabelField(
  flow: Flow,
  stepId: string,
  index: number,
  label: string,
  fixed: FixedIds,
): Flow {
  const step = flow.nodes[stepId];
  const field = step?.kind === 'intake' ? step.fields[index] : undefined;
  if (step?.kind !== 'intake' || !field) return flow;
  const fields = step.fields.map((f, i) => (i === index ? { ...f, label } : f));
  const labelled = { ...flow, nodes: { ...flow.nodes, [stepId]: { ...step, fields } } };
  if (fixed.fields.has(field.key)) return labelled;
  const keys = new Set(
    Object.entries(flow.nodes).flatMap(([id, n]) =>
      n.kind === 'intake' ? n.fields.filter((_, i) => id !== stepId || i !== index).map((f) => f.key) : [],
    ),
  );
  const next = idFromName('field', label, (x) => keys.has(x) || fixed.fields.has(x));
  return next ? renameField(labelled, stepId, index, next) : labelled;
}

/** Sets a branch option's label and, unless its id is fixed, derives the id (its exit) from it. */
export function relabelOption(
  flow: Flow,
  stepId: string,
  index: number,
  label: string,
  fixed: FixedIds,
): Flow {
  const step = flow.nodes[stepId];
  const option = step?.kind === 'branch' ? step.options[index] : undefined;
  if (step?.kind !== 'branch' || !option) return flow;
  const options = step.options.map((o, i) => (i === index ? { ...o, label } : o));
  const labelled = { ...flow, nodes: { ...flow.nodes, [stepId]: { ...step, options } } };
  const fixedHere = fixed.options.get(stepId);
  if (fixedHere?.has(option.id)) return labelled;
  // `default` is the name of the branch's "otherwise" exit.
  const taken = new Set(['default', ...step.options.filter((_, i) => i !== index).map((o) => o.id)]);
  const next = idFromName('option', label, (x) => taken.has(x) || (fixedHere?.has(x) ?? false));
  return next ? renameOption(labelled, stepId, index, next) : labelled;
}

/** Sets a keyword trigger's label and, unless its id is fixed, derives the id from it. */
export function relabelTrigger(flow: Flow, index: number, label: string, fixed: FixedIds): Flow {
  const trigger = flow.triggers[index];
  if (!trigger) return flow;
  const labelled = { ...flow, triggers: flow.triggers.map((t, i) => (i === index ? { ...t, label } : t)) };
  if (fixed.triggers.has(trigger.id)) return labelled;
  const taken = new Set(flow.triggers.filter((_, i) => i !== index).map((t) => t.id));
  const next = idFromName('trigger', label, (x) => taken.has(x) || fixed.triggers.has(x));
  return next ? renameTrigger(labelled, index, next) : labelled;
}
