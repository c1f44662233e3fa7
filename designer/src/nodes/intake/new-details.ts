// What a new detail (Angabe) starts with. In a flow under professional secrecy or with special-
// category data the AI may not read it until someone ticks the box (engine: privacy/confidential.ts);
// elsewhere the schema defaults apply. Used when a questions step is added and when a detail is.
import type { FlowNode, IntakeField, Settings } from '../../../../engine/src/flow/format/schema';
import { newFieldDefaults } from '../../../../engine/src/flow/privacy/confidential';

/** A new step as created by its definition, with the flow's defaults on each of its details. */
export function withNewDetailDefaults<N extends FlowNode>(node: N, settings: Settings): N {
  if (node.kind !== 'intake') return node;
  const defaults = newFieldDefaults(settings);
  return { ...node, fields: node.fields.map((f) => ({ ...f, ...defaults })) };
}

/** The next free key `angabe<n>` of a step. */
function nextKey(fields: readonly IntakeField[]): string {
  for (let i = 1; ; i++) if (!fields.some((f) => f.key === `angabe${i}`)) return `angabe${i}`;
}

/** A detail added to a step: a free key, a text answer, a placeholder question, the flow's defaults. */
export function newDetail(fields: readonly IntakeField[], label: string, settings: Settings): IntakeField {
  return { key: nextKey(fields), label, type: 'text', prompt: '…?', ...newFieldDefaults(settings) };
}
