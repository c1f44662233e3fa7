// The checks after a fault run, from what the callers, the fakes, the webhook receiver, the
// server's logs and its (stopped) SQLite data dir show:
//   1. every call ended in a defined fallback and none hung (checkCallEndings);
//   2. stored notes were delivered exactly once per idempotency key or are still pending in the
//      store; zero-persistence notes were delivered or are gone and never written (checkRecords);
//   3. no caller content in any file of the run dir — logs, database, -wal, -shm — and every
//      server log line has the allow-listed shape (scanRunDir).
// Each check returns counts for the report and a list of problems (empty = passed).
import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { buildLogLineSchema } from '../engine/src/log/schema';
import { DB_FILE } from '../engine/src/store/data-dir';
import { scanFiles, type CanaryHit } from '../test/privacy/canary';
import type { WebhookDelivery } from './webhook-receiver';

export interface CheckResult<C> {
  readonly counts: C;
  /** Each a short sentence with ids/counts only (never caller content). Empty = passed. */
  readonly problems: readonly string[];
}

// ---- 1. call endings --------------------------------------------------------------------

export interface ObservedCall {
  readonly callSid: string;
  /** ms on the fault schedule's clock (since the load phase started). */
  readonly startedAtMs: number;
  readonly endedAtMs: number;
  /**
   * server: the engine (or its death, or Twilio after a REST update) closed the media socket;
   * caller-done: the caller said all its lines and hung up; caller-gave-up: our caller gave up at
   * its bound with the socket still open; refused: the voice webhook brought no stream.
   */
  readonly endedBy: 'server' | 'caller-done' | 'caller-gave-up' | 'refused';
  /** Media frames the caller received. */
  readonly frames: number;
  /** After a <Dial>: the person answered, or nobody did and the flow went on (resumed), or nothing was parked any more (apology TwiML). */
  readonly handoff?: 'answered' | 'resumed' | 'apology';
}

/** A live-call update the fake Twilio REST API accepted. */
export interface CallUpdate {
  readonly callSid: string;
  /** dial: handed to a human (<Dial> TwiML); hangup: Status=completed. */
  readonly kind: 'dial' | 'hangup' | 'other';
}

export type Fallback =
  'script-done' | 'handoff' | 'hangup' | 'closed' | 'cut-by-crash' | 'refused-while-down';

export interface CallEndingCounts {
  readonly calls: number;
  readonly byFallback: Readonly<Record<Fallback, number>>;
  /** How handed-off calls went on (from the dial callback the caller played as Twilio). */
  readonly handoffs: Readonly<Record<NonNullable<ObservedCall['handoff']>, number>>;
  readonly hung: number;
  /** Calls that ended normally away from the crash: each must leave exactly one accepted note. */
  readonly expectedNotes: number;
}

/** Twilio's update body → kind. */
export function updateKind(params: Readonly<Record<string, string>>): CallUpdate['kind'] {
  if (/<Dial\b/.test(params.Twiml ?? '')) return 'dial';
  return params.Status === 'completed' ? 'hangup' : 'other';
}

/**
 * script-done: the caller got through its lines (whatever faults it met) and hung up; handoff:
 * a <Dial> update (real Twilio then takes the call off the stream); hangup: the engine hung up
 * by REST; closed: it closed the stream (Twilio then runs <Connect action>, the apology path);
 * cut-by-crash / refused-while-down: the call met the SIGKILL window (`downWindows`, ms, with
 * `slackMs` either side). A caller that had to give up, or a call longer than `boundMs`, is a
 * problem (hung), whatever happened before.
 */
export function checkCallEndings(
  calls: readonly ObservedCall[],
  updates: readonly CallUpdate[],
  opts: { downWindows?: readonly { from: number; to: number }[]; boundMs: number; slackMs?: number },
): CheckResult<CallEndingCounts> {
  const kinds = new Map<string, Set<CallUpdate['kind']>>();
  for (const u of updates) kinds.set(u.callSid, (kinds.get(u.callSid) ?? new Set()).add(u.kind));
  const slack = opts.slackMs ?? 2000;
  const near = (from: number, to: number) =>
    (opts.downWindows ?? []).some((w) => from <= w.to + slack && to >= w.from - slack);
  const byFallback: Record<Fallback, number> = {
    'script-done': 0,
    handoff: 0,
    hangup: 0,
    closed: 0,
    'cut-by-crash': 0,
    'refused-while-down': 0,
  };
  const problems: string[] = [];
  let hung = 0;
  let expectedNotes = 0;
  const handoffs = { answered: 0, resumed: 0, apology: 0 };
  calls.forEach((call, i) => {
    if (call.handoff) handoffs[call.handoff]++;
    const k = kinds.get(call.callSid);
    const late = call.endedAtMs - call.startedAtMs > opts.boundMs;
    let fallback: Fallback | undefined;
    if (k?.has('dial')) fallback = 'handoff';
    else if (call.endedBy === 'caller-done') fallback = 'script-done';
    else if (call.endedBy === 'server' && k?.has('hangup')) fallback = 'hangup';
    else if (call.endedBy === 'server' && near(call.startedAtMs, call.endedAtMs)) fallback = 'cut-by-crash';
    else if (call.endedBy === 'server') fallback = 'closed';
    else if (call.endedBy === 'refused' && near(call.startedAtMs, call.startedAtMs))
      fallback = 'refused-while-down';
    const hangs = late || call.endedBy === 'caller-gave-up';
    if (fallback && !hangs) {
      byFallback[fallback]++;
      if (fallback !== 'refused-while-down' && !near(call.startedAtMs, call.endedAtMs)) expectedNotes++;
      return;
    }
    if (hangs) hung++;
    problems.push(
      `call #${i}: ended by ${call.endedBy} after ${Math.round(call.endedAtMs - call.startedAtMs)} ms with no defined fallback`,
    );
  });
  return { counts: { calls: calls.length, byFallback, handoffs, hung, expectedNotes }, problems };
}

// ---- 2. records -------------------------------------------------------------------------

export interface FlowDelivery {
  readonly zeroPersistence: boolean;
  readonly webhook: boolean;
}

export interface RecordCounts {
  /** Notes the server accepted (log line twilio.record ok, or a stored row/receipt). */
  readonly accepted: number;
  readonly stored: { readonly delivered: number; readonly pending: number; readonly inInbox: number };
  readonly zeroPersistence: { readonly delivered: number; readonly gone: number };
  /** Distinct keys the receiver filed / requests it accepted / of them redeliveries. */
  readonly receiver: { readonly filed: number; readonly accepted: number; readonly redeliveries: number };
  /** Deliveries whose accept log line was lost in the SIGKILL (known only by the receiver). */
  readonly deliveredUnlogged: number;
}

interface NoteRow {
  tx_id: string;
  flow_id: string;
  webhook_url: string | null;
  inbox_pending: number;
  shred_reason: string | null;
}

/** txId → server flow id, from the server's log lines `twilio.record` (outcome ok). */
export function acceptedRecords(logText: string): Map<string, string> {
  const accepted = new Map<string, string>();
  for (const line of logText.split('\n')) {
    if (!line.includes('"twilio.record"')) continue;
    try {
      const l = JSON.parse(line) as { event?: string; outcome?: string; txId?: string; flowId?: string };
      if (l.event === 'twilio.record' && l.outcome === 'ok' && l.txId && l.flowId)
        accepted.set(l.txId, l.flowId);
    } catch {
      // a line cut by the SIGKILL
    }
  }
  return accepted;
}

/** Reads the stopped server's SQLite store (read-only): notes and receipts by txId. */
export function readStore(dataDir: string): { notes: Map<string, NoteRow>; receipts: Map<string, string[]> } {
  const db = new Database(join(dataDir, DB_FILE), { readonly: true, fileMustExist: true });
  try {
    const notes = new Map<string, NoteRow>();
    for (const r of db
      .prepare('SELECT tx_id, flow_id, webhook_url, inbox_pending, shred_reason FROM call_notes')
      .all() as NoteRow[])
      notes.set(r.tx_id, r);
    const receipts = new Map<string, string[]>();
    for (const r of db.prepare('SELECT tx_id, reason FROM deletion_receipts').all() as {
      tx_id: string;
      reason: string;
    }[]) {
      receipts.set(r.tx_id, [...(receipts.get(r.tx_id) ?? []), r.reason]);
    }
    return { notes, receipts };
  } finally {
    db.close();
  }
}

/**
 * `flows`: server flow id → how it delivers. `deliveries`: everything the receiver accepted.
 * Stored + webhook: filed by the receiver, or still pending in the store. Stored + inbox: in the
 * store. Zero persistence: never a row or receipt; delivered, or gone (RAM lost on SIGKILL).
 */
export function checkRecords(input: {
  readonly logText: string;
  readonly store: ReturnType<typeof readStore>;
  readonly deliveries: readonly WebhookDelivery[];
  readonly flows: ReadonlyMap<string, FlowDelivery>;
}): CheckResult<RecordCounts> {
  const { store, flows } = input;
  const problems: string[] = [];
  const accepted = acceptedRecords(input.logText);
  for (const [tx, row] of store.notes) accepted.set(tx, row.flow_id);
  const filed = new Map<string, WebhookDelivery[]>();
  for (const d of input.deliveries) filed.set(d.key, [...(filed.get(d.key) ?? []), d]);
  const stored = { delivered: 0, pending: 0, inInbox: 0 };
  const zp = { delivered: 0, gone: 0 };

  for (const [tx, flowId] of accepted) {
    const flow = flows.get(flowId);
    if (!flow) {
      problems.push(`note ${tx}: unknown flow ${flowId}`);
      continue;
    }
    const row = store.notes.get(tx);
    const receipts = store.receipts.get(tx) ?? [];
    if (receipts.length > 1) problems.push(`note ${tx}: ${receipts.length} deletion receipts`);
    if (flow.zeroPersistence) {
      if (row || receipts.length > 0) problems.push(`zero-persistence note ${tx} was written to the store`);
      if (filed.has(tx)) zp.delivered++;
      else zp.gone++;
    } else if (flow.webhook) {
      if (filed.has(tx)) stored.delivered++;
      else if (row && row.webhook_url && !row.shred_reason) stored.pending++;
      else problems.push(`stored note ${tx}: neither delivered nor pending`);
    } else if (row) stored.inInbox++;
    else problems.push(`stored note ${tx}: not in the store`);
  }

  let deliveredUnlogged = 0;
  for (const [key, ds] of filed) {
    if (ds.some((d) => d.txId !== key))
      problems.push(`delivery ${key}: payload txId differs from the idempotency key`);
    if (new Set(ds.map((d) => d.bodySha256)).size > 1)
      problems.push(`delivery ${key}: redeliveries carry different notes`);
    if (accepted.has(key)) continue;
    const flow = ds[0].flowId ? flows.get(ds[0].flowId) : undefined;
    if (!flow) problems.push(`delivery ${key}: not a note of this run`);
    else if (!flow.zeroPersistence && !store.receipts.has(key))
      problems.push(`delivery ${key}: stored note delivered but neither stored nor receipted`);
    else deliveredUnlogged++;
  }
  for (const [tx, row] of store.notes)
    if (flows.get(row.flow_id)?.zeroPersistence)
      problems.push(`zero-persistence flow has a stored row (${tx})`);

  return {
    counts: {
      accepted: accepted.size,
      stored,
      zeroPersistence: zp,
      receiver: {
        filed: filed.size,
        accepted: input.deliveries.length,
        redeliveries: input.deliveries.length - filed.size,
      },
      deliveredUnlogged,
    },
    problems,
  };
}

// ---- 3. canaries and log lines ----------------------------------------------------------

export interface ScanCounts {
  readonly canaries: number;
  readonly hits: readonly CanaryHit[];
  readonly logLines: number;
  readonly invalidLogLines: number;
}

const validateLine = new Ajv({ allErrors: true, strict: true }).compile(buildLogLineSchema());

/**
 * Every file below `paths` (logs, data dir with -wal/-shm, profiles) is searched for every
 * canary in UTF-8/UTF-16/hex/base64; every JSON line of `serverLogs` must be an allow-listed
 * log line (a line cut by the SIGKILL is not JSON and is skipped).
 */
export function scanRunDir(
  paths: readonly string[],
  canaries: readonly string[],
  serverLogs: readonly string[],
): CheckResult<ScanCounts> {
  const problems: string[] = [];
  const hits: CanaryHit[] = [];
  canaries.forEach((canary, i) => {
    for (const hit of scanFiles(paths, canary)) {
      hits.push(hit);
      problems.push(`canary #${i} found in ${hit.file} (${hit.encodings.join(', ')})`);
    }
  });
  let logLines = 0;
  let invalid = 0;
  for (const file of serverLogs) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.startsWith('{')) continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        continue;
      }
      logLines++;
      if (!validateLine(parsed)) invalid++;
    }
  }
  if (invalid > 0) problems.push(`${invalid} of ${logLines} server log lines are not allow-listed log lines`);
  if (logLines === 0) problems.push('no server log lines to check');
  return { counts: { canaries: canaries.length, hits, logLines, invalidLogLines: invalid }, problems };
}
