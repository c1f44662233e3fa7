// Delivers stored call notes to webhooks: picks due deliveries, sends, and reschedules with
// backoff. A delivery that succeeds on a note with `immediate` retention shreds the note once
// nothing else (the inbox) still needs it. Restricted notes (Art. 18) are not delivered.
// Exactly-once towards the receiver is by idempotency key (the txId): a crash between "sent"
// and "marked delivered" causes one repeat that the receiver recognises.
import { nextRetryDelay } from '../delivery/backoff';
import { sendWebhook, type AttemptResult } from '../delivery/webhook-sender';
import type { Logger } from '../log';
import type { TenantKeyring } from './keyring';
import { webhookPayload } from './payload';
import { openNote } from './sealing';
import type { Shredder } from './shredding';
import type { CallNoteRepository, StoredNote } from './types';

/** The sender's codes (`webhook.http-status`) in the log's code alphabet (no hyphens). */
export const logCode = (code: string): string => code.replaceAll('-', '_');

export interface DeliveryWorkerDeps {
  notes: CallNoteRepository;
  keyring: TenantKeyring;
  shredder: Shredder;
  log: Logger;
  now: () => number;
  webhookSecret: (tenantId: string) => Promise<string>;
  send?: typeof sendWebhook;
  /**
   * Several instances (PostgreSQL): claim each due delivery for this long before sending, so two
   * instances never send the same note at once; a sender that dies releases it when the lease
   * runs out. Unset (SQLite, one process): no claim, a restarted process resends at once.
   */
  claimLeaseMs?: number;
}

/** What one delivery attempt for one note came to (the queue adapter schedules the next from it). */
export type DeliveryOutcome =
  | { kind: 'delivered' }
  | { kind: 'retry'; at: number }
  | { kind: 'failed' }
  | { kind: 'not-due'; at: number }
  | { kind: 'skipped' };

export class DeliveryWorker {
  private running: Promise<number> | null = null;

  constructor(private readonly deps: DeliveryWorkerDeps) {}

  /** Runs one pass over due deliveries; concurrent calls share the pass in progress. */
  runOnce(limit = 50): Promise<number> {
    this.running ??= this.pass(limit).finally(() => (this.running = null));
    return this.running;
  }

  private async pass(limit: number): Promise<number> {
    const due = await this.deps.notes.dueDeliveries(this.deps.now(), limit);
    let delivered = 0;
    for (const { tenantId, txId } of due)
      if ((await this.deliverNote(tenantId, txId)).kind === 'delivered') delivered++;
    return delivered;
  }

  /**
   * One attempt for one note if it is due (the queue's job handler): nothing happens for a note that
   * is gone, restricted, already delivered, not yet due, or claimed by another instance.
   */
  async deliverNote(tenantId: string, txId: string): Promise<DeliveryOutcome> {
    const { notes, now, claimLeaseMs } = this.deps;
    const note = await notes.get(tenantId, txId);
    if (!note?.webhook || note.restricted) return { kind: 'skipped' };
    const seen = note.webhook.nextAttemptAt;
    if (seen > now()) return { kind: 'not-due', at: seen };
    if (
      claimLeaseMs !== undefined &&
      !(await notes.claimDelivery(tenantId, txId, seen, now() + claimLeaseMs))
    )
      return { kind: 'skipped' };
    return this.deliver(note, note.webhook);
  }

  private async deliver(
    note: StoredNote,
    webhook: NonNullable<StoredNote['webhook']>,
  ): Promise<DeliveryOutcome> {
    const { notes, keyring, log, now } = this.deps;
    const started = now();
    const record = openNote(await keyring.key(note.tenantId), note.tenantId, note.txId, note);
    const body = JSON.stringify(webhookPayload(note.flowId, note.flowVersion, record));
    const secret = await this.deps.webhookSecret(note.tenantId);
    const result: AttemptResult = await (this.deps.send ?? sendWebhook)(
      { url: webhook.url, secret },
      note.txId,
      body,
    );
    const attempts = webhook.attempts + 1;
    const firstAttemptAt = webhook.firstAttemptAt ?? started;
    const ids = { tenantId: note.tenantId, txId: note.txId, attempt: attempts };
    if (result.ok) {
      await notes.update(note.tenantId, note.txId, { webhook: null });
      log.info('delivery.webhook', { ...ids, outcome: 'ok', status: result.status, ms: now() - started });
      if (note.deleteOnDelivery && !note.inboxPending)
        await this.deps.shredder.shred(note.tenantId, note.txId, 'delivered');
      return { kind: 'delivered' };
    }
    const delay = result.retryable ? nextRetryDelay(attempts, firstAttemptAt, now()) : null;
    if (delay === null) {
      // Given up: the note stays until its retention deadline so the business can still read it in the inbox.
      await notes.update(note.tenantId, note.txId, { webhook: null });
      log.error('delivery.webhook', {
        ...ids,
        outcome: 'error',
        code: result.retryable ? 'delivery.window_closed' : logCode(result.code),
        status: result.status,
      });
      return { kind: 'failed' };
    }
    const at = now() + delay;
    await notes.update(note.tenantId, note.txId, {
      webhook: { ...webhook, attempts, firstAttemptAt, nextAttemptAt: at },
    });
    log.warn('delivery.webhook', {
      ...ids,
      outcome: 'retry',
      code: logCode(result.code),
      status: result.status,
      ms: delay,
    });
    return { kind: 'retry', at };
  }
}
