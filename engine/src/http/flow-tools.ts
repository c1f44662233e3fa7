// The pure flow core wired for the server: the loader checks handoff targets against the
// organisation's allow-list (ids), publishing stores canonical JSON, versions diff semantically.
import { diffFlows } from '../flow/diff/index';
import { canonicalJson, loadFlow } from '../flow/index';
import type { FlowTools } from './deps';

export const flowTools: FlowTools = {
  load: (input, targets) => loadFlow(input, { handoffTargets: targets.map((t) => t.id) }),
  canonicalJson: (flow) => canonicalJson(flow),
  diff: (before, after) => diffFlows(before, after),
};
