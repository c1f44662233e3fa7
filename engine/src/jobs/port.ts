// The Jobs port: the background work every server has — the retention purge (call notes and
// analytics aggregates), webhook deliveries with their retries — behind one small interface with
// two adapters: in-process timers on SQLite (one process owns the file) and a pg-boss queue on
// PostgreSQL (several instances share the work; each job runs on one of them).
// Receipt-chain appends are not queued: they happen inside the deletion's transaction (see README).
import type { DeliveryOutcome } from '../records/delivery-worker';

export interface NoteRef {
  tenantId: string;
  txId: string;
}

/** The work itself, independent of who schedules it (built by ./handlers.ts from the services). */
export interface JobHandlers {
  /** One retention pass: finish interrupted deletions, shred expired notes (one receipt each). */
  purgeNotes(): Promise<number>;
  /** Deletes analytics day rows past their retention (the store's, and this instance's memory). */
  purgeAnalytics(): Promise<number>;
  /**
   * What only this instance can purge: its in-memory analytics of zero-persistence flows. Runs on
   * every instance (the queued purge reaches only the memory of the instance that runs it).
   */
  purgeInstanceMemory?(): Promise<number>;
  /** One delivery attempt for one note if it is due (claimed first when several instances share the store). */
  deliverNote(ref: NoteRef): Promise<DeliveryOutcome>;
  /** Notes whose delivery is due now (the safety net for jobs that were never queued). */
  dueDeliveries(limit: number): Promise<NoteRef[]>;
}

export interface CheckResult {
  ok: boolean;
  /** A short code when not ok (`jobs.draining`, `jobs.unreachable`). */
  code?: string;
}

export interface Jobs {
  /** sibling: a SQLite worker process other than worker 0 (sibling.ts). */
  /** `sibling`: a SQLite worker process other than worker 0 (./sibling.ts). */
  readonly kind: 'in-process' | 'pg-boss' | 'sibling';
  /** Starts the schedules and workers; the first purge is queued (pg-boss) or awaited (in-process). */
  start(): Promise<void>;
  /**
   * A stored note's webhook delivery is due now (the store sink calls this). Zero-persistence
   * notes never come here: they are delivered from memory by ../records/memory-notes.ts.
   */
  deliveryQueued(ref: NoteRef): void;
  /** For /readyz. */
  health(): Promise<CheckResult>;
  /**
   * Graceful drain, step 1: take no new jobs, let running ones finish (at most `timeoutMs`).
   * New work may still be queued (calls finishing during the drain) — other instances take it.
   */
  drain(timeoutMs: number): Promise<void>;
  /** Step 2: release what is left (unfinished jobs go back to the queue) and close connections. */
  close(): Promise<void>;
}
