// One tenant's verdict: its receipt chain (HMACs, links, head) and the signed checkpoints it must
// contain. The one composition the API, the CLI and offline verification share.
import { checkCheckpoints, type Checkpoint, type CheckpointProblem } from './checkpoints';
import { verifyChain, type ChainHead, type ChainProblem, type Receipt } from './receipts';

export type VerdictProblem =
  | ChainProblem
  | CheckpointProblem
  /** The organisation is gone, but its chain was never closed with a final checkpoint. */
  | { code: 'chain.unclosed'; count: number };

export interface ChainVerdict {
  ok: boolean;
  count: number;
  headSeq: number | null;
  /** Closed by a final checkpoint (a deleted organisation) and intact up to it. */
  closed: boolean;
  /** How many checkpoints were checked (given by the tenant plus the latest kept by the server). */
  checkpoints: number;
  problems: VerdictProblem[];
}

export interface VerdictInput {
  /** The receipt HMAC key. */
  key: Buffer;
  tenantId: string;
  /** Every receipt of the tenant in chain order. */
  receipts: readonly Receipt[];
  head: ChainHead | undefined;
  checkpoints: readonly Checkpoint[];
  /** Public keys by key id. */
  keys: ReadonlyMap<string, string>;
  /** True when the tenants table no longer lists the organisation. */
  organisationGone?: boolean;
}

export function chainVerdict(input: VerdictInput): ChainVerdict {
  const { key, tenantId, receipts, head, checkpoints, keys } = input;
  const checked = checkCheckpoints(tenantId, receipts, checkpoints, keys);
  const problems: VerdictProblem[] = [...verifyChain(key, tenantId, receipts, head), ...checked.problems];
  // A final checkpoint that does not match is reported above already.
  const finalGiven = checkpoints.some((cp) => cp.final && cp.tenantId === tenantId);
  if (input.organisationGone && !finalGiven)
    problems.push({ code: 'chain.unclosed', count: receipts.length });
  return {
    ok: problems.length === 0,
    count: receipts.length,
    headSeq: head?.seq ?? null,
    closed: checked.closed && problems.length === 0,
    checkpoints: checkpoints.length,
    problems,
  };
}
