// The privacy core assembled: one object the server (routes, jobs) and tests use. Built from the
// store, the master key and a logger; keys for receipts and webhooks are derived (derived-keys.ts).
import { sendWebhook } from '../delivery/webhook-sender';
import { errorCode, type Logger } from '../log/index';
import type { Metrics } from '../metrics/registry';
import type { FinishedCall, RecordSink } from '../ports/record-sink';
import type { ChainVerdict } from '../privacy/chain-verdict';
import type { Checkpoint } from '../privacy/checkpoints';
import type { ClusterBus } from '../cluster/bus';
import type { Store } from '../store/types';
import { checkpointWebhook, type CheckpointWebhook } from './checkpoint-webhook';
import { createCheckpoints, type ReceiptCheckpoints } from './checkpoints';
import { DeliveryWorker } from './delivery-worker';
import { checkpointSigningKey, receiptKey, webhookSecret } from './derived-keys';
import { Inbox } from './inbox';
import { TenantKeyring } from './keyring';
import { MemoryNotes } from './memory-notes';
import { NoteEvents } from './note-events';
import { siblingNoteEvents, siblingNotes, type VolatileNotes } from './sibling-notes';
import { purgeExpired } from './purge';
import { createShredder, type Shredder } from './shredding';
import { StoreRecordSink } from './store-sink';
import { SubjectRequests } from './subject-requests';

export interface RecordsOptions {
  store: Pick<Store, 'callNotes' | 'receipts' | 'tenantKeys' | 'checkpoints' | 'receiptWebhooks'>;
  masterKey: Buffer;
  logger: Logger;
  now: () => number;
  /** Replaces the webhook sender (tests; the crash test's freeze point). */
  send?: typeof sendWebhook;
  /**
   * Where a newly stored note's delivery goes (the Jobs port, ../jobs): default, this process's
   * delivery worker starts at once. On PostgreSQL the queue takes it, so any instance may send it.
   */
  deliveryQueued?: (tenantId: string, txId: string) => void;
  /** See DeliveryWorkerDeps.claimLeaseMs: set when several instances share the store. */
  claimLeaseMs?: number;
  /**
   * Told after a note was accepted (stored or held in memory): the e-mail notifications of
   * mail/note-notifier.ts. Its failure never fails the note.
   */
  noteArrived?: (call: FinishedCall) => Promise<unknown>;
  /** /metrics: deliveries by channel and outcome, purged notes. Counts only. */
  metrics?: Pick<Metrics, 'deliveries' | 'purged'>;
  /**
   * Several worker processes: volatile notes stay with the process that took the call, the
   * inbox reaches them over the bus, and arrivals are told to the siblings (sibling-notes.ts).
   */
  bus?: ClusterBus;
}

/** Every webhook attempt counted: ok, retry (retryable failure) or gave-up (the receiver refused for good). */
function countedSend(send: typeof sendWebhook, metrics: RecordsOptions['metrics']): typeof sendWebhook {
  if (!metrics) return send;
  return async (...args) => {
    const r = await send(...args);
    metrics.deliveries.inc({ channel: 'webhook', outcome: r.ok ? 'ok' : r.retryable ? 'retry' : 'gave-up' });
    return r;
  };
}

export type { ChainVerdict };

export interface RecordsServices {
  keyring: TenantKeyring;
  shredder: Shredder;
  /** This process's volatile notes (it took their calls; it sends their webhooks). */
  memory: MemoryNotes;
  /** The volatile notes of every worker process (`memory` alone without siblings). */
  volatile: VolatileNotes;
  inbox: Inbox;
  /** "A new note is in the inbox" (txId only), for the live inbox pages. */
  noteEvents: NoteEvents;
  subjects: SubjectRequests;
  worker: DeliveryWorker;
  webhookSecret(tenantId: string): string;
  /** Stores the note (encrypted) or keeps it in memory, as the flow's settings say. */
  accept(call: FinishedCall): Promise<void>;
  /**
   * One retention pass: resume interrupted deletions, shred what is past its deadline, then a
   * signed checkpoint for every receipt chain that moved, sent to the receipts webhooks.
   */
  purge(): Promise<number>;
  /** Signed checkpoints of the receipt chains (made, closed, verified). */
  checkpoints: ReceiptCheckpoints;
  /** Sends new checkpoints to the organisations' receipts webhooks. */
  receiptWebhook: CheckpointWebhook;
  /**
   * Verifies the tenant's receipt chain with the server key against the stored head, the
   * checkpoints the tenant gives and the latest one kept here.
   */
  verifyReceipts(tenantId: string, checkpoints?: readonly Checkpoint[]): Promise<ChainVerdict>;
  /** Shutdown: memory notes and their RAM delivery queue are dropped (zero persistence). */
  stop(): void;
}

export function createRecords(opts: RecordsOptions): RecordsServices {
  const { store, masterKey, logger: log, now, metrics } = opts;
  const send = countedSend(opts.send ?? sendWebhook, metrics);
  const notes = store.callNotes;
  const hmacKey = receiptKey(masterKey);
  const secretOf = (tenantId: string) => webhookSecret(masterKey, tenantId);
  const keyring = new TenantKeyring(masterKey, store.tenantKeys);
  const shredder = createShredder(notes, hmacKey, now, log);
  const noteEvents = new NoteEvents();
  const memory = new MemoryNotes({ log, webhookSecret: async (t) => secretOf(t), send });
  const volatile = opts.bus ? siblingNotes(memory, opts.bus) : memory;
  const announce = opts.bus
    ? siblingNoteEvents(noteEvents, opts.bus)
    : (tenantId: string, txId: string) => noteEvents.publish(tenantId, txId);
  const worker = new DeliveryWorker({
    notes,
    keyring,
    shredder,
    log,
    now,
    webhookSecret: async (t) => secretOf(t),
    send,
    ...(opts.claimLeaseMs !== undefined ? { claimLeaseMs: opts.claimLeaseMs } : {}),
  });
  const kick = () =>
    void worker
      .runOnce()
      .catch((err: unknown) => log.error('delivery.worker', { outcome: 'error', code: errorCode(err) }));
  const receiptWebhook = checkpointWebhook({
    store,
    webhookSecret: secretOf,
    // Not `send`: the delivery metrics count call notes.
    send: opts.send ?? sendWebhook,
    now,
    log,
  });
  const checkpoints = createCheckpoints({
    store,
    hmacKey,
    signingKey: checkpointSigningKey(masterKey),
    now,
    log,
  });
  const storeSink: RecordSink = new StoreRecordSink({
    notes,
    keyring,
    now,
    deliveryQueued: opts.deliveryQueued ?? kick,
  });
  return {
    keyring,
    shredder,
    memory,
    volatile,
    worker,
    inbox: new Inbox({ notes, keyring, memory: volatile, shredder }),
    noteEvents,
    subjects: new SubjectRequests({ notes, keyring, memory: volatile, shredder }),
    webhookSecret: secretOf,
    async accept(call) {
      // Without consent the caller leaves nothing, not even the pseudonymous index of their
      // number (the note itself already carries nothing about them: flow/record/build.ts).
      const { callerNumber: _dropped, ...withoutCaller } = call;
      const kept = call.record.consent === 'given' ? call : withoutCaller;
      await (call.zeroPersistence ? memory : storeSink).accept(kept);
      if (call.delivery.inbox) {
        metrics?.deliveries.inc({ channel: 'inbox', outcome: 'ok' });
        announce(call.tenantId, call.record.txId);
      }
      if (opts.noteArrived)
        await opts
          .noteArrived(kept)
          .catch((err: unknown) =>
            log.warn('notify.note', { tenantId: call.tenantId, outcome: 'error', code: errorCode(err) }),
          );
    },
    checkpoints,
    receiptWebhook,
    async purge() {
      const count = await purgeExpired({ notes, shredder, log, now });
      metrics?.purged.inc({ kind: 'records' }, count);
      await checkpoints.catchUp();
      await receiptWebhook.deliverDue();
      return count;
    },
    verifyReceipts: (tenantId, given = []) => checkpoints.verify(tenantId, given),
    stop: () => memory.stop(),
  };
}
