// The only place that calls the server (issue 4's API). Cookie session + CSRF header on every
// unsafe request; errors come back as ApiFailure with the server's `{ error: { code, message } }`.
import type {
  AnalyticsSource,
  AnalyticsVersion,
  CallNote,
  CallNoteList,
  ChainVerdict,
  CreatedFlow,
  CreateFlowRequest,
  DeletedNote,
  DeletionReceipt,
  Draft,
  FlowAnalytics,
  FlowList,
  HandoffTarget,
  HandoffTargetList,
  MarkedDone,
  Me,
  NumberList,
  Published,
  ReceiptList,
  RolledBack,
  SimulateRequest,
  SimulateResult,
  Validation,
  Version,
  VersionDiff,
  VersionList,
} from '../../engine/src/http/api-types';
import type { Checkpoint as ReceiptCheckpoint } from '../../engine/src/privacy/checkpoints';

// The wire types are the engine's own, inferred from its route schemas (type-only: nothing of the
// server is bundled). Screens import them from here, next to the calls that return them.
export type {
  AnalyticsDay,
  AnalyticsNode,
  AnalyticsReport,
  AnalyticsSource,
  AnalyticsVersion,
  CallerTurn,
  CallNote,
  ChainVerdict,
  CreateFlowRequest,
  DeletionReceipt,
  Draft,
  FlowAnalytics,
  FlowSummary,
  HandoffTarget,
  Me,
  NumberBinding,
  SimulateRequest,
  SimulateResult,
  VersionSummary,
} from '../../engine/src/http/api-types';
export type { ReceiptCheckpoint };
export type ReceiptReason = DeletionReceipt['reason'];
/** A transfer target as the owner adds it (the number a transfer rings, E.164). */
export type TransferTarget = HandoffTarget;

/** The analytics filter as the designer holds it; sent as query parameters. */
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
  /** Accepts an invitation (name + password) and is logged in to the inviting organisation. */
  async acceptInvitation(token: string, name: string, password: string): Promise<Me> {
    const { data } = await call<Me>('POST', '/api/invitations/accept', { token, name, password });
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
  listFlows: async () => (await call<FlowList>('GET', '/api/flows')).data.flows,
  createFlow: async (input: CreateFlowRequest) => (await call<CreatedFlow>('POST', '/api/flows', input)).data,
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
      await call<Published>('POST', `/api/flows/${enc(id)}/versions`, {
        message,
      })
    ).data,
  listVersions: async (id: string) =>
    (await call<VersionList>('GET', `/api/flows/${enc(id)}/versions`)).data.versions,
  getVersion: async (id: string, v: number) =>
    (await call<Version>('GET', `/api/flows/${enc(id)}/versions/${v}`)).data,
  diff: async (id: string, a: number, b: number) =>
    (await call<VersionDiff>('GET', `/api/flows/${enc(id)}/versions/${a}/diff/${b}`)).data,
  /** `message`: the new version's note, in the user's language. */
  rollback: async (id: string, v: number, message: string) =>
    (await call<RolledBack>('POST', `/api/flows/${enc(id)}/versions/${v}/rollback`, { message })).data,
  validate: async (flow: unknown) => (await call<Validation>('POST', '/api/validate', flow)).data,
  listNumbers: async () => (await call<NumberList>('GET', '/api/numbers')).data.numbers,
  /** Every number the operator assigned to the organisation, bound or not. */
  assignedNumbers: async () => (await call<{ assigned: string[] }>('GET', '/api/numbers')).data.assigned,
  unbindNumber: async (number: string) => void (await call('DELETE', `/api/numbers/${enc(number)}`)),
  bindNumber: async (number: string, flowId: string) =>
    (await call<unknown>('PUT', '/api/numbers', { number, flowId })).data,
  /** The organisation's transfer allow-list; null when the server does not offer it. */
  async transferTargets(): Promise<HandoffTarget[] | null> {
    try {
      const { data } = await call<HandoffTargetList>('GET', '/api/handoff-targets');
      return data.targets;
    } catch {
      return null;
    }
  },
  /** Owner: adds a number handoff steps may ring (a new practice starts with none). */
  addTransferTarget: async (target: { id: string; label: string; number: string }) =>
    (await call<HandoffTarget>('POST', '/api/handoff-targets', target)).data,
  listCalls: async () => (await call<CallNoteList>('GET', '/api/calls')).data.calls,
  getCall: async (txId: string) => (await call<CallNote>('GET', `/api/calls/${enc(txId)}`)).data,
  markDone: async (txId: string) => (await call<MarkedDone>('POST', `/api/calls/${enc(txId)}/done`)).data,
  deleteCall: async (txId: string) => (await call<DeletedNote>('DELETE', `/api/calls/${enc(txId)}`)).data,
  listReceipts: async () => (await call<ReceiptList>('GET', '/api/receipts')).data,
  /** Without checkpoints: against the server's latest one; with: also against those the organisation kept. */
  verifyReceipts: async (checkpoints?: unknown[]) =>
    (
      await (checkpoints
        ? call<ChainVerdict>('POST', '/api/receipts/verify', { checkpoints })
        : call<ChainVerdict>('GET', '/api/receipts/verify'))
    ).data,
  takeCheckpoint: async () => (await call<ReceiptCheckpoint>('POST', '/api/receipts/checkpoints', {})).data,
  simulate: async (flowId: string, body: SimulateRequest) =>
    (await call<SimulateResult>('POST', `/api/flows/${enc(flowId)}/simulate`, body)).data,
  getAnalytics: async (flowId: string, q: AnalyticsQuery = {}) =>
    (await call<FlowAnalytics>('GET', `/api/flows/${enc(flowId)}/analytics${analyticsParams(q)}`)).data,
  /** Link target for the CSV download (same-origin GET, the session cookie authorises it). */
  analyticsCsvUrl: (flowId: string, q: Omit<AnalyticsQuery, 'compare'> = {}) =>
    `/api/flows/${enc(flowId)}/analytics.csv${analyticsParams(q)}`,
};

/** The operator's view of an organisation: counts and numbers, no content. */
export interface Organisation {
  id: string;
  name: string;
  status: 'active' | 'suspended';
  createdAt: number;
  flows: number;
  members: number;
  numbers: string[];
}
export interface Invitation {
  url: string;
  expiresAt: number;
}
export interface AssignedNumber {
  number: string;
  organisationId: string;
  organisationName: string;
  assignedAt: number;
  flowId: string | null;
  flowName: string | null;
  version: number | null;
}

/** The operator's calls (/api/admin/*): 403 for everyone else. */
export const adminApi = {
  organisations: async () =>
    (await call<{ organisations: Organisation[] }>('GET', '/api/admin/organisations')).data.organisations,
  createOrganisation: async (name: string, ownerEmail: string) =>
    (
      await call<{ organisation: Organisation; invitation: Invitation }>('POST', '/api/admin/organisations', {
        name,
        ownerEmail,
      })
    ).data,
  setStatus: async (id: string, action: 'suspend' | 'resume') =>
    (await call<Organisation>('POST', `/api/admin/organisations/${enc(id)}/${action}`)).data,
  deleteOrganisation: async (id: string) =>
    (await call<{ shreddedNotes: number }>('DELETE', `/api/admin/organisations/${enc(id)}`)).data,
  numbers: async () => (await call<{ numbers: AssignedNumber[] }>('GET', '/api/admin/numbers')).data.numbers,
  assignNumber: async (number: string, organisationId: string) =>
    (await call<AssignedNumber>('POST', '/api/admin/numbers', { number, organisationId })).data,
  releaseNumber: async (number: string) => void (await call('DELETE', `/api/admin/numbers/${enc(number)}`)),
};
