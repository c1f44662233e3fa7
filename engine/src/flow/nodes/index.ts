// The registry of step kinds: one spec per kind (nodes/<kind>.ts), which everything else reads.
// Adding a kind to the format means adding its file and one line below; the type checker insists
// on it (README.md: "Adding a step kind").
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

type Specs = { [K in NodeKind]: StepKindSpec<Extract<FlowNode, { kind: K }>> };

// Checked per kind (a spec for every kind, of that kind); widened for callers that dispatch on a
// node of any kind.
const SPECS: Specs = { consent, say, intake, branch, callback, handoff, hours, end };

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
