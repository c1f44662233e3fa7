// What a new detail (Angabe) starts with. In a flow under professional secrecy or with special-
// category data the AI may not read it until someone ticks the box (engine: privacy/confidential.ts);
// elsewhere the schema defaults apply. Used when a questions step is added and when a detail is.
import type { FlowNode, IntakeField, Settings } from '../../../../engine/src/flow/format/schema';
import { idFromName } from '../../../../engine/src/flow/ids/derive';
import { NEW_QUESTION } from '../../../../engine/src/flow/format/starter-texts';
import { newFieldDefaults } from '../../../../engine/src/flow/privacy/confidential';

/** A new step as created by its definition, with the flow's defaults on each of its details. */
export function withNewDetailDefaults<N extends FlowNode>(node: N, settings: Settings): N {
  if (node.kind !== 'intake') return node;
  const defaults = newFieldDefaults(settings);
  return { ...node, fields: node.fields.map((f) => ({ ...f, ...defaults })) };
}

/**
 * A detail added to a step: its key from its label („Angabe 2“ → `angabe_2`, unique against
 * `taken`, the keys the flow already asks), a text answer, a placeholder question the checker
 * reports until it is written, the flow's defaults.
 */
export function newDetail(label: string, settings: Settings, taken: (key: string) => boolean): IntakeField {
  const key = idFromName('field', label, taken) ?? idFromName('field', 'Angabe', taken)!;
  return { key, label, type: 'text', prompt: NEW_QUESTION, ...newFieldDefaults(settings) };
}
