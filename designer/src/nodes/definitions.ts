// The designer's definition of every step kind, one line each: adding a kind is its folder
// <kind>/definition.ts and its line here (the engine's kinds are engine/src/flow/nodes/kinds.ts).
import { branchDefinition } from './branch/definition';
import { callbackDefinition } from './callback/definition';
import { consentDefinition } from './consent/definition';
import { endDefinition } from './end/definition';
import { handoffDefinition } from './handoff/definition';
import { hoursDefinition } from './hours/definition';
import { intakeDefinition } from './intake/definition';
import { sayDefinition } from './say/definition';
import type { FlowNode, NodeDefinition, NodeKind } from './types';

type Definitions = { [K in NodeKind]: NodeDefinition<Extract<FlowNode, { kind: K }>> };

// Checked per kind (the type checker insists on a definition for every kind, of that kind).
export const DEFINITIONS: Definitions = {
  consent: consentDefinition,
  say: sayDefinition,
  intake: intakeDefinition,
  branch: branchDefinition,
  callback: callbackDefinition,
  handoff: handoffDefinition,
  hours: hoursDefinition,
  end: endDefinition,
};
