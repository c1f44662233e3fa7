// The organisation's receipts webhook: each new checkpoint of its chain is POSTed there, signed
// like call notes (Callflow-Signature with the organisation's webhook secret), so the business
// holds its checkpoints without having to fetch them.
//
// Only the latest checkpoint is sent: it covers every earlier one. A failed delivery is retried on
// the next pass after 10 s doubling up to an hour — without the 24-hour limit of call notes, since
// a checkpoint holds no personal content and the business should get it eventually. Passes run
// with each purge and after a checkpoint made on demand; a claim (compare-and-set on the next
// attempt) keeps two passes or instances from sending one checkpoint twice at once, and the
// idempotency key names tenant and position for receivers that see a repeat anyway.
import { retryInterval } from '../delivery/backoff';
import type { sendWebhook } from '../delivery/webhook-sender';
import { errorCode, type Logger } from '../log/index';
import type { Checkpoint } from '../privacy/checkpoints';
import type { Store } from '../store/types';
import { checkpointPayload } from './payload';

/** How long one sender holds a claimed delivery (longer than the send timeout of 10 s). */
const CLAIM_MS = 60_000;

export interface CheckpointDeliveryDeps {
  store: Pick<Store, 'checkpoints' | 'receiptWebhooks'>;
  webhookSecret: (tenantId: string) => string;
  send: typeof sendWebhook;
  now: () => number;
  log: Logger;
}

export type CheckpointDelivery = 'ok' | 'retry' | 'skipped';

const isNewer = (cp: Checkpoint, delivered: { count: number; final: boolean }) =>
  cp.count > delivered.count || (cp.count === delivered.count && cp.final && !delivered.final);

export function idempotencyKeyOf(cp: Checkpoint): string {
  return `checkpoint:${cp.tenantId}:${cp.count}${cp.final ? ':final' : ''}`;
}

export function checkpointWebhook(deps: CheckpointDeliveryDeps) {
  const { store, now, log } = deps;

  async function deliver(tenantId: string): Promise<CheckpointDelivery> {
    const hook = await store.receiptWebhooks.get(tenantId);
    if (!hook || hook.nextAttemptAt > now()) return 'skipped';
    const checkpoint = await store.checkpoints.latest(tenantId);
    if (!checkpoint || !isNewer(checkpoint, hook.delivered)) return 'skipped';
    if (!(await store.receiptWebhooks.claim(tenantId, hook.nextAttemptAt, now() + CLAIM_MS)))
      return 'skipped';
    const result = await deps.send(
      { url: hook.url, secret: deps.webhookSecret(tenantId) },
      idempotencyKeyOf(checkpoint),
      JSON.stringify(checkpointPayload(checkpoint)),
    );
    const fields = { tenantId, seq: checkpoint.count };
    if (result.ok) {
      await store.receiptWebhooks.delivered(tenantId, checkpoint, now());
      log.info('receipts.webhook', { ...fields, outcome: 'ok', status: result.status });
      return 'ok';
    }
    const attempt = hook.attempts + 1;
    await store.receiptWebhooks.failed(tenantId, attempt, now() + retryInterval(attempt));
    log.warn('receipts.webhook', {
      ...fields,
      outcome: 'retry',
      code: result.code,
      attempt,
      ...(result.status ? { status: result.status } : {}),
    });
    return 'retry';
  }

  return {
    deliver,
    /** A checkpoint made on demand goes out in the background; the answer does not wait for the receiver. */
    deliverSoon(tenantId: string): void {
      void deliver(tenantId).catch((err: unknown) =>
        log.error('receipts.webhook', { tenantId, outcome: 'error', code: errorCode(err) }),
      );
    },
    /** Every organisation whose latest checkpoint has not reached its webhook yet (the purge's step). */
    async deliverDue(): Promise<number> {
      let sent = 0;
      for (const tenantId of await store.receiptWebhooks.due(now())) {
        try {
          if ((await deliver(tenantId)) === 'ok') sent++;
        } catch (err) {
          log.error('receipts.webhook', { tenantId, outcome: 'error', code: errorCode(err) });
        }
      }
      return sent;
    },
  };
}

export type CheckpointWebhook = ReturnType<typeof checkpointWebhook>;
