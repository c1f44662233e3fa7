// Signed checkpoints of a tenant's deletion-receipt chain: "at <time>, the chain of <tenant> held
// <count> receipts ending in <headHash>", signed with an Ed25519 key derived from the master key.
//
// Why: the receipt chain is HMAC'd with a server key, so it catches anyone *without* that key.
// The operator has it and could rewind receipts and head together (or restore an old backup).
// A checkpoint the tenant keeps turns that into a detectable lie: the current chain must contain
// every checkpoint the tenant holds (same count → same head hash; a larger chain → the old head
// at that position). Signatures are public-key, so the tenant can check them without any secret,
// and the key id names the public key, so checkpoints stay verifiable after a master-key rotation.
//
// The signed message is the UTF-8 JSON array
//   ["callflow/receipt-checkpoint/v1", tenantId, count, headHash, time, keyId, final]
// (JSON escaping keeps the fields apart), the signature is base64url. Checkpoints hold ids,
// counts, hashes and a time — never personal content.
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import type { Receipt } from './receipts';

export const CHECKPOINT_FORMAT = 'callflow.receipt-checkpoint.v1';
const MESSAGE_LABEL = 'callflow/receipt-checkpoint/v1';

export interface CheckpointBody {
  tenantId: string;
  /** Receipts in the chain when the checkpoint was made (its head's sequence number). */
  count: number;
  /** Hash of receipt number `count` (the chain's genesis hash for an empty chain). */
  headHash: string;
  /** ISO instant the checkpoint was made. */
  time: string;
  /** Id of the public key that verifies `signature` (see `keyIdOf`). */
  keyId: string;
  /** The chain is closed (the organisation was deleted): nothing may follow this checkpoint. */
  final: boolean;
}

export interface Checkpoint extends CheckpointBody {
  format: typeof CHECKPOINT_FORMAT;
  /** Ed25519 signature of the message above, base64url. */
  signature: string;
}

/** A published verification key: raw 32-byte Ed25519 public key, base64url. */
export interface PublicKeyEntry {
  keyId: string;
  publicKey: string;
}

export interface SigningKey extends PublicKeyEntry {
  privateKey: KeyObject;
}

// DER framing of a raw Ed25519 key (RFC 8410): PKCS#8 for the private seed, SPKI for the public key.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** A short, stable name of a public key: the first 16 hex digits of SHA-256 over its raw bytes. */
export function keyIdOf(rawPublicKey: Buffer): string {
  return createHash('sha256').update(rawPublicKey).digest('hex').slice(0, 16);
}

/** The Ed25519 key pair of a 32-byte seed (deterministic: the same seed gives the same key). */
export function signingKeyFromSeed(seed: Buffer): SigningKey {
  if (seed.length !== 32) throw new Error('an Ed25519 seed has 32 bytes');
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  const raw = spki.subarray(SPKI_ED25519_PREFIX.length);
  return { keyId: keyIdOf(raw), publicKey: raw.toString('base64url'), privateKey };
}

/** The public key as PEM (SPKI), for `openssl` and `crypto.createPublicKey`. */
export function publicKeyPem(entry: PublicKeyEntry): string {
  const der = Buffer.concat([SPKI_ED25519_PREFIX, Buffer.from(entry.publicKey, 'base64url')]);
  return createPublicKey({ key: der, format: 'der', type: 'spki' })
    .export({ format: 'pem', type: 'spki' })
    .toString();
}

export function checkpointMessage(b: CheckpointBody): Buffer {
  return Buffer.from(
    JSON.stringify([MESSAGE_LABEL, b.tenantId, b.count, b.headHash, b.time, b.keyId, b.final]),
    'utf8',
  );
}

export function signCheckpoint(key: SigningKey, body: Omit<CheckpointBody, 'keyId'>): Checkpoint {
  const full: CheckpointBody = { ...body, keyId: key.keyId };
  const signature = sign(null, checkpointMessage(full), key.privateKey).toString('base64url');
  return { format: CHECKPOINT_FORMAT, ...full, signature };
}

export type SignatureCheck = 'ok' | 'unknown-key' | 'bad-signature';

export function checkSignature(cp: Checkpoint, keys: ReadonlyMap<string, string>): SignatureCheck {
  const raw = keys.get(cp.keyId);
  if (raw === undefined) return 'unknown-key';
  try {
    const publicKey = createPublicKey({
      key: Buffer.concat([SPKI_ED25519_PREFIX, Buffer.from(raw, 'base64url')]),
      format: 'der',
      type: 'spki',
    });
    return verify(null, checkpointMessage(cp), publicKey, Buffer.from(cp.signature, 'base64url'))
      ? 'ok'
      : 'bad-signature';
  } catch {
    return 'bad-signature';
  }
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

/** A checkpoint read from a file or a request, or undefined when it does not have the shape. */
export function asCheckpoint(x: unknown): Checkpoint | undefined {
  if (!isObject(x) || x.format !== CHECKPOINT_FORMAT) return undefined;
  const { tenantId, count, headHash, time, keyId, final, signature } = x;
  const strings = [tenantId, headHash, time, keyId, signature];
  if (!strings.every((s) => typeof s === 'string' && s.length > 0 && s.length <= 200)) return undefined;
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) return undefined;
  if (typeof final !== 'boolean') return undefined;
  return {
    format: CHECKPOINT_FORMAT,
    tenantId: tenantId as string,
    count,
    headHash: headHash as string,
    time: time as string,
    keyId: keyId as string,
    final,
    signature: signature as string,
  };
}

/**
 * The checkpoints in a kept file: one checkpoint, a list, the API's `{ checkpoints: [...] }` or a
 * receipts-webhook payload `{ type: 'receipts.checkpoint', checkpoint }`. Undefined when anything
 * in it is not a checkpoint (a half-read file must not pass as fewer checkpoints).
 */
export function checkpointsIn(json: unknown): Checkpoint[] | undefined {
  const list = Array.isArray(json)
    ? json
    : isObject(json) && Array.isArray(json.checkpoints)
      ? json.checkpoints
      : isObject(json) && json.type === 'receipts.checkpoint'
        ? [json.checkpoint]
        : [json];
  const parsed = list.map(asCheckpoint);
  return parsed.every((c): c is Checkpoint => c !== undefined) ? parsed : undefined;
}

export type CheckpointProblem =
  | { code: 'checkpoint.foreign-tenant'; count: number }
  | { code: 'checkpoint.unknown-key'; count: number; keyId: string }
  | { code: 'checkpoint.bad-signature'; count: number }
  /** The chain is shorter than a checkpoint says it was: truncated, rolled back or erased. */
  | { code: 'checkpoint.missing-receipts'; count: number; chainCount: number }
  /** At the checkpoint's position the chain holds another receipt: rewritten since. */
  | { code: 'checkpoint.mismatch'; count: number }
  /** Receipts were appended after the chain was closed. */
  | { code: 'chain.reopened'; count: number; chainCount: number };

export interface CheckpointResult {
  problems: CheckpointProblem[];
  /** A valid final checkpoint matches the whole chain. */
  closed: boolean;
}

/**
 * Does the chain (`receipts` in chain order, all of them) contain and extend every checkpoint?
 * Only checkpoints with a valid signature of a known key count as evidence; the rest are
 * reported. Comparing hashes needs no server key, so this holds across master-key rotations.
 */
export function checkCheckpoints(
  tenantId: string,
  receipts: readonly Receipt[],
  checkpoints: readonly Checkpoint[],
  keys: ReadonlyMap<string, string>,
): CheckpointResult {
  const problems: CheckpointProblem[] = [];
  const bySeq = new Map(receipts.map((r) => [r.seq, r]));
  const chainCount = receipts.length;
  let closed = false;
  for (const cp of checkpoints) {
    const { count } = cp;
    if (cp.tenantId !== tenantId) {
      problems.push({ code: 'checkpoint.foreign-tenant', count });
      continue;
    }
    const signature = checkSignature(cp, keys);
    if (signature === 'unknown-key')
      problems.push({ code: 'checkpoint.unknown-key', count, keyId: cp.keyId });
    if (signature === 'bad-signature') problems.push({ code: 'checkpoint.bad-signature', count });
    if (signature !== 'ok') continue;
    // Position 0 is the genesis: the first receipt links to it (no receipt: nothing to contradict).
    const hashAt = count === 0 ? bySeq.get(1)?.prevHash : bySeq.get(count)?.hash;
    if (count > 0 && hashAt === undefined)
      problems.push({ code: 'checkpoint.missing-receipts', count, chainCount });
    else if (hashAt !== undefined && hashAt !== cp.headHash)
      problems.push({ code: 'checkpoint.mismatch', count });
    else if (cp.final && chainCount > count) problems.push({ code: 'chain.reopened', count, chainCount });
    else if (cp.final) closed = true;
  }
  return { problems, closed: closed && problems.length === 0 };
}
