// The inbox ("Posteingang") for the front desk (role agent): stored notes decrypted on read,
// plus the memory-only notes of zero-persistence flows (of every worker process: sibling-notes.ts). Restricted notes (Art. 18) stay out.
// With `immediate` retention, "delivered" for the inbox means an agent marked the note done;
// then it is shredded at once (with receipt) unless a webhook delivery is still pending.
import type { CallRecord } from '../flow/record/schema';
import type { TenantKeyring } from './keyring';
import type { MemoryNote } from './memory-notes';
import { openNote } from './sealing';
import type { Shredder } from './shredding';
import type { VolatileNotes } from './sibling-notes';
import type { CallNoteRepository } from './types';

export interface InboxItem {
  txId: string;
  flowId: string;
  flowVersion: number | null;
  createdAt: number;
  expiresAt: number;
  test: boolean;
  status: 'new' | 'done';
  /** false: memory only (zero persistence) — gone after a restart or 24 hours. */
  stored: boolean;
  record: CallRecord;
}

export interface InboxDeps {
  notes: CallNoteRepository;
  keyring: TenantKeyring;
  memory: VolatileNotes;
  shredder: Shredder;
}

export class Inbox {
  constructor(private readonly deps: InboxDeps) {}

  async list(tenantId: string, limit = 100): Promise<InboxItem[]> {
    const summaries = await this.deps.notes.list(tenantId, { limit });
    const stored = await Promise.all(
      summaries.filter((s) => !s.restricted).map((s) => this.read(tenantId, s.txId)),
    );
    const memory = (await this.deps.memory.list(tenantId)).map((n) => this.fromMemory(n));
    return [...stored.filter((i): i is InboxItem => i !== undefined), ...memory].sort(
      (a, b) => b.createdAt - a.createdAt,
    );
  }

  // The database is asked first: a stored note then never waits for the sibling processes that
  // volatile notes may need to be asked for (a note is either stored or volatile, never both).
  async read(tenantId: string, txId: string): Promise<InboxItem | undefined> {
    const note = await this.deps.notes.get(tenantId, txId);
    if (!note) {
      const inMemory = await this.deps.memory.get(tenantId, txId);
      return inMemory ? this.fromMemory(inMemory) : undefined;
    }
    if (note.restricted) return undefined;
    const record = openNote(await this.deps.keyring.key(tenantId), tenantId, txId, note);
    const { flowId, flowVersion, createdAt, expiresAt, test, status } = note;
    return { txId, flowId, flowVersion, createdAt, expiresAt, test, status, stored: true, record };
  }

  /** Marks a note done; returns false when it does not exist for this tenant. */
  async markDone(tenantId: string, txId: string): Promise<boolean> {
    const note = await this.deps.notes.get(tenantId, txId);
    if (!note) return this.deps.memory.drop(tenantId, txId);
    if (note.restricted) return false;
    await this.deps.notes.update(tenantId, txId, { status: 'done', inboxPending: false });
    if (note.deleteOnDelivery && !note.webhook) await this.deps.shredder.shred(tenantId, txId, 'delivered');
    return true;
  }

  /**
   * Reopens a note marked done by mistake; false when it is gone (a memory note or an
   * `immediate` one is deleted by "done", so only kept notes can be reopened). While open again,
   * a pending webhook delivery no longer deletes it: the front desk has to finish it first.
   */
  async reopen(tenantId: string, txId: string): Promise<boolean> {
    const note = await this.deps.notes.get(tenantId, txId);
    if (!note) return (await this.deps.memory.get(tenantId, txId)) !== undefined;
    if (note.restricted) return false;
    if (note.status === 'done')
      await this.deps.notes.update(tenantId, txId, { status: 'new', inboxPending: true });
    return true;
  }

  /** Several notes at once (e.g. a caller's, found through the pseudonymous index), newest first. */
  async readMany(tenantId: string, txIds: readonly string[]): Promise<InboxItem[]> {
    const items = await Promise.all(txIds.map((txId) => this.read(tenantId, txId)));
    return items.filter((i): i is InboxItem => i !== undefined).sort((a, b) => b.createdAt - a.createdAt);
  }

  /** Deletes a note by hand (e.g. an archived one); receipt reason `manual`. */
  async delete(tenantId: string, txId: string): Promise<boolean> {
    if (await this.deps.shredder.shred(tenantId, txId, 'manual')) return true;
    return this.deps.memory.drop(tenantId, txId);
  }

  private fromMemory(n: MemoryNote): InboxItem {
    const { flowId, flowVersion, createdAt, expiresAt, record } = n;
    return {
      txId: record.txId,
      flowId,
      flowVersion,
      createdAt,
      expiresAt,
      test: record.test,
      status: 'new',
      stored: false,
      record,
    };
  }
}
