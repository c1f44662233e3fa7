// The registry of step kinds: one spec per kind (nodes/<kind>.ts), which everything else reads —
// the flow format itself too (format/schema.ts assembles the node union from the specs' schemas).
// Adding a kind means adding its file and one line below (README.md: "Adding a step kind").
import type { FlowNode, NodeKind } from '../format/schema';
import { branch } from './branch';
import { callback } from './callback';
import { consent } from './consent';
import { end } from './end';
import { handoff } from './handoff';
import { hours } from './hours';
import { intake } from './intake';
import { say } from './say';
import type { StepExit, StepKindSpec } from './spec';

// In the order of the format's node union (the published schema lists them so) and the palette.
const SPECS = { consent, say, intake, branch, callback, handoff, hours, end };

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
  StepPrompt,
} from './spec';
