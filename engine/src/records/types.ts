// Call notes at rest. Everything outside `sealed` is metadata without personal content:
// ids, times, status and pseudonymous subject keys (HMAC of numbers, never the numbers).
import type { Checkpoint, PublicKeyEntry } from '../privacy/checkpoints';
import type { Receipt, ChainHead, DeletionReason } from '../privacy/receipts';

export type NoteStatus = 'new' | 'done';

export interface StoredNote {
  txId: string;
  tenantId: string;
  flowId: string;
  flowVersion: number | null;
  test: boolean;
  createdAt: number;
  /** Hard deadline (retention plan, never beyond 30 days). */
  expiresAt: number;
  /** `immediate` retention: shred as soon as every delivery succeeded. */
  deleteOnDelivery: boolean;
  status: NoteStatus;
  /** Art. 18 restriction: kept, but excluded from processing and delivery. */
  restricted: boolean;
  /** Id of the record's data key (shows up in its deletion receipt). */
  keyId: string;
  /** Data key wrapped by the tenant key; deleted on shredding. */
  wrappedDataKey: Buffer;
  ciphertext: Buffer;
  /** HMAC(tenant key, E.164) of every number in the note, for data-subject requests. */
  subjectKeys: string[];
  /** Pending webhook delivery (null = none or done). */
  webhook: { url: string; attempts: number; firstAttemptAt: number | null; nextAttemptAt: number } | null;
  /** Inbox delivery is done once an agent has read the note. */
  inboxPending: boolean;
}

export type NoteSummary = Pick<
  StoredNote,
  'txId' | 'flowId' | 'flowVersion' | 'test' | 'createdAt' | 'expiresAt' | 'status' | 'restricted'
>;

export interface ShredRequest {
  tenantId: string;
  txId: string;
  reason: DeletionReason;
  deletedAt: number;
}

export interface CallNoteRepository {
  insert(note: StoredNote): Promise<void>;
  get(tenantId: string, txId: string): Promise<StoredNote | undefined>;
  list(tenantId: string, opts?: { limit?: number; includeTest?: boolean }): Promise<NoteSummary[]>;
  bySubject(tenantId: string, subjectKey: string): Promise<StoredNote[]>;
  update(
    tenantId: string,
    txId: string,
    patch: Partial<
      Pick<
        StoredNote,
        | 'status'
        | 'restricted'
        | 'webhook'
        | 'inboxPending'
        | 'ciphertext'
        | 'wrappedDataKey'
        | 'keyId'
        | 'subjectKeys'
      >
    >,
  ): Promise<boolean>;
  /**
   * Deletes the note (row and wrapped data key) and appends its receipt to the tenant's chain in
   * ONE transaction: there is never a receipt without its deletion, nor a deletion without its
   * receipt. Returns undefined when the note no longer exists (idempotent purges).
   */
  shred(request: ShredRequest, hmacKey: Buffer): Promise<Receipt | undefined>;
  /** Deletions a crash interrupted (marked, key maybe destroyed, row still there); finish them with `shred`. */
  pendingShreds(limit: number): Promise<{ tenantId: string; txId: string; reason: DeletionReason }[]>;
  /** Destroys data keys whose note was never written (crash between the two writes); returns how many. */
  sweepOrphanKeys(): Promise<number>;
  /** Lets the storage engine drop freed pages so deleted content does not linger in its files. */
  compact(): Promise<void>;
  /** System jobs only (no tenant yet): notes past their deadline, oldest first. */
  expired(now: number, limit: number): Promise<{ tenantId: string; txId: string }[]>;
  /** System jobs only: notes with a webhook delivery due. */
  dueDeliveries(now: number, limit: number): Promise<{ tenantId: string; txId: string }[]>;
  /**
   * Several instances: takes the note's due delivery for one sender by moving its next attempt to
   * `leaseUntil`, only if it is still at `seenNextAttemptAt` (compare-and-set). True = this caller
   * sends; a sender that dies keeps the lease until it runs out, then the delivery is due again.
   */
  claimDelivery(
    tenantId: string,
    txId: string,
    seenNextAttemptAt: number,
    leaseUntil: number,
  ): Promise<boolean>;
}

export interface ReceiptRepository {
  list(tenantId: string, opts?: { afterSeq?: number; limit?: number }): Promise<Receipt[]>;
  head(tenantId: string): Promise<ChainHead | undefined>;
}

export interface CheckpointRepository {
  /**
   * Keeps a signed checkpoint. One per tenant, position and finality: when another instance kept
   * one for the same position first, that one is returned (both are valid; one is enough).
   */
  add(tenantId: string, checkpoint: Checkpoint): Promise<Checkpoint>;
  /** The tenant's newest checkpoint: the largest count, the final one first. */
  latest(tenantId: string): Promise<Checkpoint | undefined>;
  /** Newest first. */
  list(tenantId: string, opts: { limit: number }): Promise<Checkpoint[]>;
  /** System jobs only (the purge): tenants whose chain head has moved past their latest checkpoint. */
  behindHeads(): Promise<string[]>;
  /** Remembers a signing key's public half (idempotent), so its checkpoints verify after a rotation. */
  registerKey(key: PublicKeyEntry, now: number): Promise<void>;
  keys(): Promise<(PublicKeyEntry & { createdAt: number })[]>;
}

export interface ReceiptWebhook {
  tenantId: string;
  url: string;
  /** The last checkpoint delivered (count -1: none yet). */
  delivered: { count: number; final: boolean };
  attempts: number;
  nextAttemptAt: number;
}

export interface ReceiptWebhookRepository {
  get(tenantId: string): Promise<ReceiptWebhook | undefined>;
  /** Sets (or with null removes) the URL; a new URL starts over with the current checkpoint. */
  set(tenantId: string, url: string | null, now: number): Promise<void>;
  /** System jobs only: tenants whose latest checkpoint has not reached their webhook and is due. */
  due(now: number): Promise<string[]>;
  /** Takes a due delivery for one sender (compare-and-set on the next attempt time, as for notes). */
  claim(tenantId: string, seenNextAttemptAt: number, leaseUntil: number): Promise<boolean>;
  delivered(tenantId: string, checkpoint: { count: number; final: boolean }, now: number): Promise<void>;
  failed(tenantId: string, attempts: number, nextAttemptAt: number): Promise<void>;
}

export interface TenantKeyRepository {
  /** The tenant key wrapped by the master key, created on first use. */
  getOrCreate(tenantId: string, create: () => Buffer): Promise<Buffer>;
}
