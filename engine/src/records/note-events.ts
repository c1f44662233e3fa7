// "A new note is in the inbox": a signal for the front desk's open inbox pages, so a note
// appears without a reload. It carries the transaction id only — never caller content; the
// page fetches the note itself, through the same permission checks as every read.
// In-process; sibling worker processes tell each other (sibling-notes.ts). A note accepted by
// another instance (PostgreSQL) reaches only that instance's listeners; the page still shows it
// on its next refresh.

export type NoteListener = (txId: string) => void;

export class NoteEvents {
  private readonly listeners = new Map<string, Set<NoteListener>>();

  /** Listens for new notes of one organisation; returns the unsubscribe function. */
  subscribe(tenantId: string, listener: NoteListener): () => void {
    const set = this.listeners.get(tenantId) ?? new Set<NoteListener>();
    set.add(listener);
    this.listeners.set(tenantId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(tenantId);
    };
  }

  publish(tenantId: string, txId: string): void {
    for (const listener of this.listeners.get(tenantId) ?? []) listener(txId);
  }

  /** Open listeners of one organisation (tests: a closed stream leaves none behind). */
  count(tenantId: string): number {
    return this.listeners.get(tenantId)?.size ?? 0;
  }
}
