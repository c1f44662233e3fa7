// The shape of one node-kind definition: the engine's spec of the kind (engine/src/flow/nodes/
// <kind>.ts: words, exits, prompts, a new step …) plus what only the designer needs — icon,
// colour, card summary and inspector form. One definition per kind drives the palette entry, the
// canvas view, the labelled outcome handles and the inspector form, so adding a kind is one
// engine file, one folder here and one line in each list of kinds (engine/src/flow/nodes/kinds.ts,
// definitions.ts).
import type { FlowNode, NodeKind } from '../../../engine/src/flow/format/schema';
import type { StepKindSpec, StepNode } from '../../../engine/src/flow/nodes';

export interface Text {
  de: string;
  en: string;
}

export type Lang = 'de' | 'en';

export const pick = (text: Text, lang: Lang): string => text[lang];

/** One labelled outcome of a step ("ja", "Sonst", "Rückfall" …): a source handle on the canvas. Its id is the exit's name. */
export interface OutputHandle {
  id: string;
  label: Text;
}

/** A form control of the inspector. `key` is a property of the node (top level). */
export type FormField =
  | { type: 'prompt'; key: string; label: Text; optional?: boolean; help?: Text }
  | { type: 'text'; key: string; label: Text; optional?: boolean }
  | { type: 'number'; key: string; label: Text; min: number; max: number; optional?: boolean }
  | { type: 'boolean'; key: string; label: Text; defaultValue: boolean }
  | { type: 'select'; key: string; label: Text; options: { value: string; label: Text }[] }
  | { type: 'intakeFields' }
  | { type: 'branchOptions' }
  | { type: 'handoffTarget'; key: string; label: Text }
  /** A detail the flow asks, chosen by its label (the key is stored). */
  | { type: 'detail'; key: string; label: Text }
  | { type: 'timeWindow'; key: string; label: Text }
  | { type: 'businessHours' };

/** What the designer adds to a kind's engine spec. */
export interface NodeView<N extends StepNode = FlowNode> {
  icon: string;
  color: string;
  /** Short lines for the canvas card: what the bot says and what it collects. */
  summary(node: N, lang: Lang): string[];
  form: FormField[];
}

export interface NodeDefinition<N extends StepNode = FlowNode> extends StepKindSpec<N>, NodeView<N> {
  /** The glossary word, e.g. "Abfrage" / "questions" (the spec's `words`). */
  label: Text;
  /** The exits as canvas handles (id = exit name). */
  outputs(node: N): OutputHandle[];
  getTarget(node: N, handle: string): string | undefined;
  /** A copy of the node with one outcome pointing at `target` ("" = not connected). */
  withTarget(node: N, handle: string, target: string): N;
}

export type AnyDefinition = NodeDefinition<FlowNode>;
export type { FlowNode, NodeKind };
