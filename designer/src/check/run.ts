// One check of a flow, exactly as the designer shows it: the engine's loader + linter, then
// unconnected exits reworded and quoted ids replaced by names (named-messages.ts). Runs in the check worker, or in the page as a fallback.
import type { Diagnostic } from '../../../engine/src/flow/diagnostics';
import type { Flow } from '../../../engine/src/flow/format/schema';
import { checkFlow } from '../../../engine/src/flow/index';
import { withNamesIn } from './named-messages';
import { explainUnconnected } from './unconnected';

export interface CheckRequest {
  revision: number;
  flow: Flow;
  handoffTargets: string[] | null;
}

export interface CheckResponse {
  revision: number;
  diagnostics: Diagnostic[];
  /** Time of the check (checkFlow) + wording where it ran. */
  ms: number;
}

export function runCheck(req: CheckRequest): CheckResponse {
  const t0 = performance.now();
  // checkFlow: the loader's diagnostics without compiling (no content hash needed while editing).
  const found = checkFlow(req.flow, req.handoffTargets ? { handoffTargets: req.handoffTargets } : {});
  const diagnostics = withNamesIn(req.flow, explainUnconnected(req.flow, found));
  return { revision: req.revision, diagnostics, ms: performance.now() - t0 };
}
