// The only place that calls the server (issue 4's API). Cookie session + CSRF header on every
// unsafe request; errors come back as ApiFailure with the server's `{ error: { code, message } }`.
import type { Diagnostic } from '../../engine/src/flow/diagnostics';
import type { FlowChange } from '../../engine/src/flow/diff';
import type { CallRecord } from '../../engine/src/flow/record/schema';

export interface Me {
  user: { id: string; email: string };
  tenant: { id: string; name: string };
  role: string;
  permissions: string[];
  csrfToken: string | null;
  /** What the server turned on at the vendors (the processing record depends on it). */
  vendors: { elevenLabsZeroRetention: boolean };
}
export interface FlowSummary {
  id: string;
  slug: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  latestVersion: number | null;
}
export interface Draft {
  flowId: string;
  revision: number;
  etag: string;
  updatedAt: number;
  document: unknown;
  diagnostics: Diagnostic[];
}
export interface VersionSummary {
  number: number;
  contentHash: string;
  message: string;
  authorId: string | null;
  createdAt: number;
}
export interface NumberBinding {
  number: string;
  flowId: string;
  version: number | null;
  updatedAt: number;
}
export interface TransferTarget {
  id: string;
  label: string;
}

/** A call note in the inbox (Posteingang), decrypted by the server for this request only. */
export interface CallNoteItem {
  txId: string;
  flowId: string;
  flowVersion: number | null;
  createdAt: number;
  expiresAt: number;
  test: boolean;
  status: 'new' | 'done';
  /** false: zero persistence, held in the server's memory only. */
  stored: boolean;
  record: CallRecord;
}
export type ReceiptReason = 'delivered' | 'expired' | 'erasure' | 'manual';
export interface DeletionReceipt {
  receiptId: string;
  seq: number;
  txId: string;
  reason: ReceiptReason;
  deletedAt: string;
  keyId: string;
  prevHash: string;
  hash: string;
}
export interface ChainVerdict {
  ok: boolean;
  count: number;
  headSeq: number | null;
  problems: ({ code: string } & Record<string, unknown>)[];
}
/** One caller turn of the conversation-test format (what /simulate replays). */
export type SimTurn =
  { say: string } | { dtmf: string } | { silence: true } | { hangup: true } | { handoff: string };
export interface SimulateResult {
  heard: { who: 'bot' | 'caller'; text: string; turn: number }[];
  path: string[];
  outcome: string;
  record: CallRecord | null;
  live: { txId: string; stored: boolean } | null;
}

/** Flow analytics (issue 10): aggregates only; a day under 5 calls comes back suppressed. */
export interface AnalyticsNode {
  node: string;
  entered: number;
  left: Record<string, number>;
  reprompts: number;
  silences: number;
  humanRequested: number;
  triggers: Record<string, number>;
  hungUp: number;
  fallbacks: number;
  hangUpRate: number | null;
  humanRate: number | null;
}
export type AnalyticsDay =
  | { day: string; suppressed: true }
  | {
      day: string;
      suppressed: false;
      calls: number;
      /** A version with fewer than 5 calls that day is left out of these numbers. */
      partial: boolean;
      outcomes: { delivered: number; handedOff: number; hungUp: number; failed: number };
      durationS: { median: number | null; p90: number | null };
      engineLatencyMs: { median: number | null };
    };
export interface AnalyticsReport {
  /** Calls on the shown days (days under 5 calls left out). */
  calls: number;
  /** Of those, test calls (Probeanrufe); 0 unless the query included them. */
  testCalls: number;
  suppressedDays: number;
  days: AnalyticsDay[];
  nodes: AnalyticsNode[];
}
export type AnalyticsVersion = number | 'draft';
/** phone = real callers only (the server's default); test = Probeanrufe; all = both. */
export type AnalyticsSource = 'phone' | 'test' | 'all';
export interface FlowAnalytics extends AnalyticsReport {
  from: string;
  to: string;
  source: AnalyticsSource;
  version: AnalyticsVersion | null;
  compare: (AnalyticsReport & { version: AnalyticsVersion }) | null;
}
export interface AnalyticsQuery {
  from?: string;
  to?: string;
  version?: AnalyticsVersion;
  compare?: AnalyticsVersion;
  source?: AnalyticsSource;
}

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;

async function call<T>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ data: T; res: Response }> {
  const h: Record<string, string> = { Accept: 'application/json', ...headers };
  if (body !== undefined) h['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) h['X-CSRF-Token'] = csrfToken;
  const res = await fetch(path, {
    method,
    headers: h,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const data = text ? (JSON.parse(text) as unknown) : undefined;
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; details?: unknown } } | undefined)
      ?.error;
    throw new ApiFailure(res.status, err?.code ?? 'http', err?.message ?? res.statusText, err?.details);
  }
  return { data: data as T, res };
}

const enc = encodeURIComponent;

function analyticsParams(q: AnalyticsQuery): string {
  const p = new URLSearchParams();
  for (const k of ['from', 'to', 'version', 'compare', 'source'] as const)
    if (q[k] !== undefined) p.set(k, String(q[k]));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export const api = {
  async login(email: string, password: string): Promise<Me> {
    const { data } = await call<Me>('POST', '/api/auth/login', { email, password });
    csrfToken = data.csrfToken;
    return data;
  },
  async me(): Promise<Me | null> {
    try {
      const { data } = await call<Me>('GET', '/api/me');
      csrfToken = data.csrfToken;
      return data;
    } catch (e) {
      if (e instanceof ApiFailure && e.status === 401) return null;
      throw e;
    }
  },
  async logout(): Promise<void> {
    await call('POST', '/api/auth/logout');
    csrfToken = null;
  },
  listFlows: async () => (await call<{ flows: FlowSummary[] }>('GET', '/api/flows')).data.flows,
  createFlow: async (input: { template: string } | { flow: unknown }) =>
    (await call<{ flow: FlowSummary; draft: Draft }>('POST', '/api/flows', input)).data,
  getDraft: async (id: string) => (await call<Draft>('GET', `/api/flows/${enc(id)}/draft`)).data,
  /** Saves the draft; a 412 (someone else saved) comes back as `{ conflict }` instead of throwing. */
  async saveDraft(
    id: string,
    document: unknown,
    etag: string,
  ): Promise<Draft | { conflict: { etag: string } }> {
    try {
      return (await call<Draft>('PUT', `/api/flows/${enc(id)}/draft`, document, { 'If-Match': etag })).data;
    } catch (e) {
      if (e instanceof ApiFailure && e.status === 412) return { conflict: e.details as { etag: string } };
      throw e;
    }
  },
  publish: async (id: string, message: string) =>
    (
      await call<{ version: VersionSummary; created: boolean }>('POST', `/api/flows/${enc(id)}/versions`, {
        message,
      })
    ).data,
  listVersions: async (id: string) =>
    (await call<{ versions: VersionSummary[] }>('GET', `/api/flows/${enc(id)}/versions`)).data.versions,
  getVersion: async (id: string, v: number) =>
    (await call<VersionSummary & { flow: unknown }>('GET', `/api/flows/${enc(id)}/versions/${v}`)).data,
  diff: async (id: string, a: number, b: number) =>
    (
      await call<{ from: number; to: number; changes: FlowChange[] }>(
        'GET',
        `/api/flows/${enc(id)}/versions/${a}/diff/${b}`,
      )
    ).data,
  rollback: async (id: string, v: number) =>
    (await call<{ version: VersionSummary }>('POST', `/api/flows/${enc(id)}/versions/${v}/rollback`, {}))
      .data,
  validate: async (flow: unknown) =>
    (await call<{ diagnostics: Diagnostic[] }>('POST', '/api/validate', flow)).data,
  listNumbers: async () => (await call<{ numbers: NumberBinding[] }>('GET', '/api/numbers')).data.numbers,
  bindNumber: async (number: string, flowId: string) =>
    (await call<unknown>('PUT', '/api/numbers', { number, flowId })).data,
  /** The organisation's transfer allow-list; null when the server does not offer it. */
  async transferTargets(): Promise<TransferTarget[] | null> {
    try {
      const { data } = await call<{ targets: TransferTarget[] }>('GET', '/api/handoff-targets');
      return data.targets;
    } catch {
      return null;
    }
  },
  listCalls: async () => (await call<{ calls: CallNoteItem[] }>('GET', '/api/calls')).data.calls,
  getCall: async (txId: string) => (await call<CallNoteItem>('GET', `/api/calls/${enc(txId)}`)).data,
  markDone: async (txId: string) => (await call<{ done: true }>('POST', `/api/calls/${enc(txId)}/done`)).data,
  deleteCall: async (txId: string) =>
    (await call<{ deleted: true }>('DELETE', `/api/calls/${enc(txId)}`)).data,
  listReceipts: async () =>
    (
      await call<{ receipts: DeletionReceipt[]; head: { seq: number; hash: string } | null }>(
        'GET',
        '/api/receipts',
      )
    ).data,
  verifyReceipts: async () => (await call<ChainVerdict>('GET', '/api/receipts/verify')).data,
  simulate: async (
    flowId: string,
    body: { turns: SimTurn[]; version?: number | 'draft'; live?: boolean; at?: string },
  ) => (await call<SimulateResult>('POST', `/api/flows/${enc(flowId)}/simulate`, body)).data,
  getAnalytics: async (flowId: string, q: AnalyticsQuery = {}) =>
    (await call<FlowAnalytics>('GET', `/api/flows/${enc(flowId)}/analytics${analyticsParams(q)}`)).data,
  /** Link target for the CSV download (same-origin GET, the session cookie authorises it). */
  analyticsCsvUrl: (flowId: string, q: Omit<AnalyticsQuery, 'compare'> = {}) =>
    `/api/flows/${enc(flowId)}/analytics.csv${analyticsParams(q)}`,
};
