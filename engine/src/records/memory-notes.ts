// Call notes of zero-persistence flows: held in this process's memory only — never a row, never
// a file. Webhook delivery retries in memory (delivery/ram-queue.ts); the inbox copy lives until
// an agent marks it done or 24 hours pass; a restart loses everything, by design.
import { RamDeliveryQueue, realScheduler, type Scheduler } from '../delivery/ram-queue';
import { sendWebhook } from '../delivery/webhook-sender';
import { VOLATILE_INBOX_HOURS } from '../flow/privacy/volatile-inbox';
import type { CallRecord } from '../flow/record/schema';
import type { Logger } from '../log';
import type { FinishedCall, RecordSink } from '../ports/record-sink';
import { logCode } from './delivery-worker';
import { webhookPayload } from './payload';

/** How long a note waits in the volatile inbox at most (the processing record says the same). */
export const MEMORY_INBOX_HOURS = VOLATILE_INBOX_HOURS;

export interface MemoryNote {
  tenantId: string;
  flowId: string;
  flowVersion: number | null;
  createdAt: number;
  expiresAt: number;
  record: CallRecord;
  callerNumber?: string;
}

export interface MemoryNotesDeps {
  log: Logger;
  webhookSecret: (tenantId: string) => Promise<string>;
  scheduler?: Scheduler;
  send?: typeof sendWebhook;
}

export class MemoryNotes implements RecordSink {
  private readonly inbox = new Map<string, MemoryNote>();
  private readonly queue: RamDeliveryQueue;
  private readonly scheduler: Scheduler;

  constructor(private readonly deps: MemoryNotesDeps) {
    this.scheduler = deps.scheduler ?? realScheduler;
    this.queue = new RamDeliveryQueue(
      {
        delivered: (txId, attempts) =>
          deps.log.info('delivery.webhook', { txId, outcome: 'ok', attempt: attempts, reason: 'memory' }),
        gaveUp: (txId, code, attempts) =>
          deps.log.error('delivery.webhook', {
            txId,
            outcome: 'error',
            code: logCode(code),
            attempt: attempts,
            reason: 'memory',
          }),
        retrying: (txId, code, attempts, ms) =>
          deps.log.warn('delivery.webhook', {
            txId,
            outcome: 'retry',
            code: logCode(code),
            attempt: attempts,
            ms,
            reason: 'memory',
          }),
      },
      this.scheduler,
    );
  }

  async accept(call: FinishedCall): Promise<void> {
    const now = this.scheduler.now();
    const txId = call.record.txId;
    if (call.delivery.inbox) {
      this.inbox.set(txId, {
        tenantId: call.tenantId,
        flowId: call.flowId,
        flowVersion: call.flowVersion,
        createdAt: now,
        expiresAt: now + MEMORY_INBOX_HOURS * 3_600_000,
        record: call.record,
        callerNumber: call.callerNumber,
      });
      this.scheduler.setTimeout(() => this.inbox.delete(txId), MEMORY_INBOX_HOURS * 3_600_000);
    }
    const url = call.delivery.webhookUrl;
    if (url) {
      const body = JSON.stringify(webhookPayload(call.flowId, call.flowVersion, call.record));
      const send = this.deps.send ?? sendWebhook;
      this.queue.enqueue({
        txId,
        attempt: async () => send({ url, secret: await this.deps.webhookSecret(call.tenantId) }, txId, body),
      });
    }
  }

  /** Inbox notes of one tenant still in memory. */
  list(tenantId: string): MemoryNote[] {
    return [...this.inbox.values()].filter(
      (n) => n.tenantId === tenantId && n.expiresAt > this.scheduler.now(),
    );
  }

  get(tenantId: string, txId: string): MemoryNote | undefined {
    const note = this.inbox.get(txId);
    return note && note.tenantId === tenantId && note.expiresAt > this.scheduler.now() ? note : undefined;
  }

  /** Removes a note (done, or erased); returns whether it existed for this tenant. */
  drop(tenantId: string, txId: string): boolean {
    return this.get(tenantId, txId) ? this.inbox.delete(txId) : false;
  }

  get pendingDeliveries(): number {
    return this.queue.size;
  }

  /** Shutdown: everything in memory is gone. */
  stop(): void {
    this.queue.stop();
    this.inbox.clear();
  }
}
