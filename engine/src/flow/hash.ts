// The content hash of a flow: what a call record references to say which logic handled the call.
// Layout (designer positions) and `$schema` (an editor hint) are not logic, so they are left out:
// moving a step on the canvas or pointing the file at another schema URL keeps the hash.
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { canonicalJson } from './canonical';

/** The parts of a flow document that are not logic. */
export const NON_LOGIC_KEYS = ['layout', '$schema'] as const;

/** The logic of a flow document: a shallow copy without `layout` and `$schema`. */
export function withoutNonLogic(flow: unknown): unknown {
  if (flow === null || typeof flow !== 'object' || Array.isArray(flow)) return flow;
  const copy: Record<string, unknown> = { ...(flow as Record<string, unknown>) };
  for (const key of NON_LOGIC_KEYS) delete copy[key];
  return copy;
}

/** sha256 (lowercase hex) of the canonical JSON of the flow without layout and `$schema`. */
export function contentHash(flow: unknown): string {
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(withoutNonLogic(flow)))));
}
