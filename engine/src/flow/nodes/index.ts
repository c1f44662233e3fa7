// The registry of step kinds: one spec per kind (nodes/<kind>.ts, listed in kinds.ts), which
// everything else reads — the flow format itself too (format/schema.ts assembles the node union
// from the specs' schemas). README.md: "Adding a step kind".
import type { FlowNode, NodeKind } from '../format/schema';
import { SPECS } from './kinds';
import type { StepExit, StepKindSpec } from './spec';

/** Every kind, keyed by its own name (a spec filed under another kind's name fails to compile). */
const KEYED_BY_KIND: { readonly [K in keyof typeof SPECS]: { kind: K } } = SPECS;

/** The kinds in registry order. */
export const NODE_KINDS = Object.keys(KEYED_BY_KIND) as readonly (keyof typeof SPECS)[];

/** The kinds' schemas in registry order: the members of the format's node union. */
export const nodeSchemas = Object.values(SPECS).map((spec) => spec.schema);

export const stepKinds: Readonly<Record<NodeKind, StepKindSpec>> = SPECS;

/**
 * The spec of a node's kind; undefined for a kind the format does not know (drafts read by the
 * designer and the processing record may hold anything).
 */
export function specOf(node: FlowNode): StepKindSpec | undefined {
  return Object.hasOwn(stepKinds, node.kind) ? stepKinds[node.kind] : undefined;
}

/** The exits of a node (none for an unknown kind). */
export const exitsOf = (node: FlowNode): StepExit[] => specOf(node)?.exits(node) ?? [];

export type {
  ExtractedEvent,
  Next,
  NodePath,
  StepBehaviour,
  StepExit,
  StepKindSpec,
  StepNode,
  StepPrompt,
} from './spec';
