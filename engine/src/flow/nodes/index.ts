// One behaviour per node kind. Adding a kind to the format means adding a file here and one
// line below; the type checker insists on it.
import type { FlowNode, NodeKind } from '../format/schema';
import type { NodeBehaviour } from './behaviour';
import { branch } from './branch';
import { callback } from './callback';
import { consent } from './consent';
import { end } from './end';
import { handoff } from './handoff';
import { hours } from './hours';
import { intake } from './intake';
import { say } from './say';

type Behaviours = { [K in NodeKind]: NodeBehaviour<Extract<FlowNode, { kind: K }>> };

const BEHAVIOURS: Behaviours = { consent, say, intake, branch, callback, handoff, hours, end };

export function behaviourOf(node: FlowNode): NodeBehaviour {
  return BEHAVIOURS[node.kind] as NodeBehaviour;
}

export type { NodeBehaviour } from './behaviour';
