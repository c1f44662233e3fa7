// Data-subject requests (GDPR Art. 15–21, requirement R9). The business (the controller)
// decides; Callflow executes: find a caller's notes by phone number, export them, correct a
// detail, erase (crypto-shred with receipts), restrict (kept, but not processed or delivered).
// Lookups go through pseudonymous subject keys; numbers are never searched in clear on disk.
import type { CallRecord } from '../flow/record/schema';
import { subjectKey } from '../privacy/pseudonym';
import type { TenantKeyring } from './keyring';
import { openNote, sealNote } from './sealing';
import type { Shredder } from './shredding';
import type { VolatileNotes } from './sibling-notes';
import { subjectKeysOf, subjectNumbers } from './subjects';
import type { CallNoteRepository } from './types';

export interface SubjectMatch {
  txId: string;
  flowId: string;
  createdAt: number;
  restricted: boolean;
  stored: boolean;
}

export interface SubjectRequestsDeps {
  notes: CallNoteRepository;
  keyring: TenantKeyring;
  memory: VolatileNotes;
  shredder: Shredder;
}

export class SubjectRequests {
  constructor(private readonly deps: SubjectRequestsDeps) {}

  async find(tenantId: string, e164: string): Promise<SubjectMatch[]> {
    const key = subjectKey(await this.deps.keyring.key(tenantId), e164);
    const stored = (await this.deps.notes.bySubject(tenantId, key)).map((n) => ({
      txId: n.txId,
      flowId: n.flowId,
      createdAt: n.createdAt,
      restricted: n.restricted,
      stored: true,
    }));
    const memory = (await this.deps.memory.list(tenantId))
      .filter((n) => n.callerNumber === e164 || subjectNumbers(n.record).includes(e164))
      .map((n) => ({
        txId: n.record.txId,
        flowId: n.flowId,
        createdAt: n.createdAt,
        restricted: false,
        stored: false,
      }));
    return [...stored, ...memory];
  }

  /** Art. 15/20: every note of the subject, machine-readable (restricted ones included: access is not processing). */
  async export(tenantId: string, e164: string): Promise<{ subject: string; records: CallRecord[] }> {
    const matches = await this.find(tenantId, e164);
    const tenantKey = await this.deps.keyring.key(tenantId);
    const records: CallRecord[] = [];
    for (const m of matches) {
      if (!m.stored) {
        const n = await this.deps.memory.get(tenantId, m.txId);
        if (n) records.push(n.record);
        continue;
      }
      const note = await this.deps.notes.get(tenantId, m.txId);
      if (note) records.push(openNote(tenantKey, tenantId, m.txId, note));
    }
    return { subject: e164, records };
  }

  /**
   * Art. 16: corrects one detail the note has (its own fields only: `constructor` or `toString`
   * are no details). The note is re-sealed under a fresh data key, and the storage is compacted as
   * after a deletion, so the replaced key and ciphertext leave the files (SQLite: WAL of the
   * database and the key store) at once, not at some later checkpoint.
   */
  async rectify(
    tenantId: string,
    txId: string,
    fieldKey: string,
    value: string | number | boolean,
  ): Promise<boolean> {
    const note = await this.deps.notes.get(tenantId, txId);
    if (!note) return false;
    const tenantKey = await this.deps.keyring.key(tenantId);
    const record = openNote(tenantKey, tenantId, txId, note);
    if (!Object.hasOwn(record.fields, fieldKey)) return false;
    const previous = record.fields[fieldKey];
    // Keys that came from the note's content are recomputed (a corrected number must no longer
    // match the wrong one); the caller-ID key, which is not in the content, is kept.
    const contentKeys = new Set(subjectKeysOf(tenantKey, record));
    const callerKeys = note.subjectKeys.filter((k) => !contentKeys.has(k));
    record.fields[fieldKey] = { ...previous, value, confirmed: true };
    const sealed = sealNote(tenantKey, tenantId, record);
    const subjectKeys = [...new Set([...callerKeys, ...subjectKeysOf(tenantKey, record)])];
    const updated = await this.deps.notes.update(tenantId, txId, { ...sealed, subjectKeys });
    if (updated) await this.deps.notes.compact();
    return updated;
  }

  /** Art. 17: erases every note of the subject; returns how many were erased. */
  async erase(tenantId: string, e164: string): Promise<number> {
    let erased = 0;
    for (const m of await this.find(tenantId, e164)) {
      const done = m.stored
        ? await this.deps.shredder.shred(tenantId, m.txId, 'erasure')
        : await this.deps.memory.drop(tenantId, m.txId);
      if (done) erased++;
    }
    return erased;
  }

  /** Art. 18: restricts or lifts the restriction of one stored note. */
  restrict(tenantId: string, txId: string, { restricted }: { restricted: boolean }): Promise<boolean> {
    return this.deps.notes.update(tenantId, txId, { restricted });
  }
}
