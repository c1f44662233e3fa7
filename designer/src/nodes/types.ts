// The shape of one node-kind definition. A single definition per kind drives the palette entry,
// the canvas view, the labelled outcome handles and the inspector form, so adding a kind is
// one folder plus one line in registry.ts.
import type { FlowNode, NodeKind } from '../../../engine/src/flow/format/schema';

export interface Text {
  de: string;
  en: string;
}

export type Lang = 'de' | 'en';

export const pick = (text: Text, lang: Lang): string => text[lang];

/** One labelled outcome of a step ("ja", "Sonst", "Rückfall" …): a source handle on the canvas. */
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
  | { type: 'timeWindow'; key: string; label: Text }
  | { type: 'businessHours' };

export interface NodeDefinition<N extends FlowNode = FlowNode> {
  kind: N['kind'];
  /** The glossary word, e.g. "Abfrage" / "questions". */
  label: Text;
  /** One sentence for the palette's tooltip. */
  hint: Text;
  icon: string;
  color: string;
  /** Prefix for generated ids of new steps, e.g. "abfrage" → "abfrage-2". */
  idPrefix: string;
  /** A new, not yet connected step (outcome targets are empty strings until connected). */
  create(lang: Lang): N;
  outputs(node: N): OutputHandle[];
  getTarget(node: N, handle: string): string | undefined;
  /** A copy of the node with one outcome pointing at `target` ("" = not connected). */
  withTarget(node: N, handle: string, target: string): N;
  /** Short lines for the canvas card: what the bot says and what it collects. */
  summary(node: N, lang: Lang): string[];
  form: FormField[];
}

export type AnyDefinition = NodeDefinition<FlowNode>;
export type { FlowNode, NodeKind };
