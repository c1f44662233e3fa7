// The node registry: one definition per engine node kind (same `kind` strings as the engine).
// Palette, canvas cards, handles and inspector forms all read from here.
import { NODE_KINDS } from '../../../engine/src/flow/format/schema';
import { branchDefinition } from './branch/definition';
import { callbackDefinition } from './callback/definition';
import { consentDefinition } from './consent/definition';
import { endDefinition } from './end/definition';
import { handoffDefinition } from './handoff/definition';
import { hoursDefinition } from './hours/definition';
import { intakeDefinition } from './intake/definition';
import { sayDefinition } from './say/definition';
import type { AnyDefinition, FlowNode, NodeDefinition, NodeKind } from './types';

type Definitions = { [K in NodeKind]: NodeDefinition<Extract<FlowNode, { kind: K }>> };

// Checked per kind (the type checker insists on a definition for every kind, of that kind);
// widened for callers that dispatch on a node of any kind.
const DEFINITIONS: Definitions = {
  consent: consentDefinition,
  say: sayDefinition,
  intake: intakeDefinition,
  branch: branchDefinition,
  callback: callbackDefinition,
  handoff: handoffDefinition,
  hours: hoursDefinition,
  end: endDefinition,
};
export const REGISTRY: Record<NodeKind, AnyDefinition> = DEFINITIONS;

/** Palette order: how a flow usually reads from top to bottom. */
export const PALETTE_ORDER: readonly NodeKind[] = NODE_KINDS;

export const definitionOf = (node: FlowNode | NodeKind): AnyDefinition =>
  REGISTRY[typeof node === 'string' ? node : node.kind];
