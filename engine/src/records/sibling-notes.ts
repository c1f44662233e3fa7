// Zero-persistence notes and "a note is in" signals across the worker processes of one instance
// (CALLFLOW_WORKERS > 1). A volatile note lives only in the memory of the process that took the
// call, and it stays there: the inbox on any process asks its siblings over the IPC bus (memory
// to memory, never a disk or a database) to list, open, mark done or delete it, and the holder
// does it. Arrivals are told to every sibling, so an inbox page connected to another process
// hears of a note too — the signal carries the organisation and the transaction id, nothing of
// the caller. A sibling that does not answer in time (restarting) is left out: the inbox shows
// what answered and never fails for it.
import type { ClusterBus } from '../cluster/bus';
import type { MemoryNote } from './memory-notes';
import type { NoteEvents } from './note-events';

type Awaitable<T> = T | Promise<T>;

/** The volatile notes an inbox sees: this process's own (MemoryNotes) or every process's. */
export interface VolatileNotes {
  list(tenantId: string): Awaitable<MemoryNote[]>;
  get(tenantId: string, txId: string): Awaitable<MemoryNote | undefined>;
  /** Removes a note (done, or erased) wherever it is held; whether it existed for this tenant. */
  drop(tenantId: string, txId: string): Awaitable<boolean>;
}

/** Bus topics (one handler each, on every worker). */
export const VOLATILE_LIST = 'volatile-notes.list';
export const VOLATILE_GET = 'volatile-notes.get';
export const VOLATILE_DROP = 'volatile-notes.drop';
export const NOTE_ARRIVED = 'note-events.arrived';

/**
 * How long an inbox read waits for a sibling. Short: a sibling that is restarting holds no notes
 * any more (its memory is gone), so waiting longer only delays the page.
 */
export const SIBLING_TIMEOUT_MS = 2_000;

interface NoteRef {
  tenantId: string;
  txId: string;
}

const isTenant = (p: unknown): p is { tenantId: string } =>
  typeof p === 'object' && p !== null && typeof (p as { tenantId?: unknown }).tenantId === 'string';
const isRef = (p: unknown): p is NoteRef => isTenant(p) && typeof (p as { txId?: unknown }).txId === 'string';

/**
 * The notes of `own` (this process's memory) and of every sibling, as one; also answers the
 * siblings' questions about `own`. With one process (soloBus) it is `own` plus nothing.
 */
export function siblingNotes(
  own: VolatileNotes,
  bus: ClusterBus,
  timeoutMs = SIBLING_TIMEOUT_MS,
): VolatileNotes {
  bus.answer(VOLATILE_LIST, (p) => (isTenant(p) ? own.list(p.tenantId) : []));
  bus.answer(VOLATILE_GET, (p) => (isRef(p) ? (own.get(p.tenantId, p.txId) ?? null) : null));
  bus.answer(VOLATILE_DROP, (p) => (isRef(p) ? own.drop(p.tenantId, p.txId) : false));
  return {
    async list(tenantId) {
      const theirs = await bus.askOthers<MemoryNote[]>(VOLATILE_LIST, { tenantId }, timeoutMs);
      return [...(await own.list(tenantId)), ...theirs.flat()];
    },
    async get(tenantId, txId) {
      const mine = await own.get(tenantId, txId);
      if (mine) return mine;
      const found = await bus.askOthers<MemoryNote | null>(VOLATILE_GET, { tenantId, txId }, timeoutMs);
      return found.find((n): n is MemoryNote => n !== null);
    },
    async drop(tenantId, txId) {
      if (await own.drop(tenantId, txId)) return true;
      const dropped = await bus.askOthers<boolean>(VOLATILE_DROP, { tenantId, txId }, timeoutMs);
      return dropped.includes(true);
    },
  };
}

/**
 * Publishes arrivals to this process's listeners and tells the siblings, whose listeners hear
 * them as their own; returns the publish function for `accept`.
 */
export function siblingNoteEvents(
  events: NoteEvents,
  bus: ClusterBus,
): (tenantId: string, txId: string) => void {
  bus.answer(NOTE_ARRIVED, (p) => {
    if (isRef(p)) events.publish(p.tenantId, p.txId);
  });
  return (tenantId, txId) => {
    events.publish(tenantId, txId);
    bus.tellOthers(NOTE_ARRIVED, { tenantId, txId } satisfies NoteRef);
  };
}
