// The store sink: a finished call's note is sealed (envelope encryption), indexed by
// pseudonymous subject keys, given its retention deadline, and queued for delivery.
import type { FinishedCall, RecordSink } from '../ports/record-sink';
import { subjectKey } from '../privacy/pseudonym';
import { retentionPlan } from '../privacy/retention-plan';
import type { TenantKeyring } from './keyring';
import { sealNote } from './sealing';
import { subjectKeysOf } from './subjects';
import type { CallNoteRepository } from './types';

export interface StoreSinkDeps {
  notes: CallNoteRepository;
  keyring: TenantKeyring;
  now: () => number;
  /** Called after a note with a webhook was stored, so the delivery worker can start at once. */
  deliveryQueued?: (tenantId: string, txId: string) => void;
}

export class StoreRecordSink implements RecordSink {
  constructor(private readonly deps: StoreSinkDeps) {}

  async accept(call: FinishedCall): Promise<void> {
    if (call.zeroPersistence) throw new Error('zero-persistence notes must never reach the store sink');
    const { notes, keyring, now } = this.deps;
    const tenantKey = await keyring.key(call.tenantId);
    const createdAt = now();
    const plan = retentionPlan(call.retention, createdAt);
    const sealed = sealNote(tenantKey, call.tenantId, call.record);
    const subjects = new Set(subjectKeysOf(tenantKey, call.record));
    if (call.callerNumber && /^\+[1-9]\d{6,14}$/.test(call.callerNumber))
      subjects.add(subjectKey(tenantKey, call.callerNumber));
    await notes.insert({
      txId: call.record.txId,
      tenantId: call.tenantId,
      flowId: call.flowId,
      flowVersion: call.flowVersion,
      test: call.record.test,
      createdAt,
      expiresAt: plan.expiresAt,
      deleteOnDelivery: plan.deleteOnDelivery,
      status: 'new',
      restricted: false,
      ...sealed,
      subjectKeys: [...subjects],
      webhook: call.delivery.webhookUrl
        ? { url: call.delivery.webhookUrl, attempts: 0, firstAttemptAt: null, nextAttemptAt: createdAt }
        : null,
      inboxPending: call.delivery.inbox,
    });
    if (call.delivery.webhookUrl) this.deps.deliveryQueued?.(call.tenantId, call.record.txId);
  }
}
