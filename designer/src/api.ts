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
  InboxSearch,
  InboxSearchResult,
  InvitedMember,
  IssuedResetLink,
  MarkedDone,
  Me,
  Member,
  MemberList,
  NotificationChoice,
  RecoveryCodes,
  TwoFactorEnrolment,
  TwoFactorRequirement,
  NumberList,
  Published,
  ReceiptList,
  Reopened,
  RolledBack,
  SimulateRequest,
  SimulateResult,
  Validation,
  Version,
  VersionDiff,
  TestCallRequest,
  TestCallTicket,
  VersionList,
  VoiceList,
  VoiceTestAvailability,
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
  Member,
  NotificationChoice,
  NumberBinding,
  TwoFactorEnrolment,
  SimulateRequest,
  SimulateResult,
  VersionSummary,
  TestCallTicket,
  VoiceList,
  VoiceOption,
  VoiceTestAvailability,
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

async function send(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  const h: Record<string, string> = { Accept: 'application/json', ...headers };
  if (body !== undefined) h['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) h['X-CSRF-Token'] = csrfToken;
  const res = await fetch(path, {
    method,
    headers: h,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) {
    const text = await res.text();
    const data = text ? (JSON.parse(text) as unknown) : undefined;
    const err = (data as { error?: { code?: string; message?: string; details?: unknown } } | undefined)
      ?.error;
    throw new ApiFailure(res.status, err?.code ?? 'http', err?.message ?? res.statusText, err?.details);
  }
  return res;
}

async function call<T>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ data: T; res: Response }> {
  const res = await send(method, path, body, headers);
  const raw = await res.text();
  return { data: (raw ? (JSON.parse(raw) as unknown) : undefined) as T, res };
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
  /** `code`: the authenticator's current code (or a recovery code) when the account has one. */
  async login(email: string, password: string, code?: string): Promise<Me> {
    const { data } = await call<Me>('POST', '/api/auth/login', {
      email,
      password,
      ...(code ? { code } : {}),
    });
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
  /** New notes, live (server-sent events carrying a txId only; the page then fetches the note). */
  inboxEvents: () => new EventSource('/api/inbox/events', { withCredentials: true }),
  reopen: async (txId: string) => (await call<Reopened>('POST', `/api/calls/${enc(txId)}/reopen`)).data,
  /** The number goes in the body: addresses end up in logs and browser history, bodies do not. */
  searchCalls: async (number: string) =>
    (await call<InboxSearchResult>('POST', '/api/inbox/search', { number } satisfies InboxSearch)).data.calls,
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
  /** The voices of the deployment's ElevenLabs account (the server caches the list). */
  voices: async () => (await call<VoiceList>('GET', '/api/voices')).data,
  /** The flow's greeting in a voice: raw μ-law 8 kHz, as a caller hears it. */
  voicePreview: async (flowId: string, voiceId: string) =>
    new Uint8Array(
      await (await send('POST', `/api/flows/${enc(flowId)}/voice-preview`, { voiceId })).arrayBuffer(),
    ),
  /** Whether voice test calls work on this deployment (and if not, why), and their limits. */
  voiceTest: async () => (await call<VoiceTestAvailability>('GET', '/api/voice-test')).data,
  /** A single-use ticket for one voice test call (the socket's first message). */
  testCallTicket: async (flowId: string, body: TestCallRequest) =>
    (await call<TestCallTicket>('POST', `/api/flows/${enc(flowId)}/test-calls`, body)).data,
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
/** An invitation or reset link; `url` null when it went by e-mail only. */
export interface Invitation {
  url: string | null;
  expiresAt: number;
  emailed: boolean;
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

/** The owner's team screen (members:manage). */
export const teamApi = {
  members: async () => (await call<MemberList>('GET', '/api/members')).data,
  invite: async (email: string, role: Member['role']) =>
    (await call<InvitedMember>('POST', '/api/members/invitations', { email, role })).data.invitation,
  changeRole: async (userId: string, role: Member['role']) =>
    (await call<Member>('PUT', `/api/members/${enc(userId)}`, { role })).data,
  remove: async (userId: string) => void (await call('DELETE', `/api/members/${enc(userId)}`)),
  resetLink: async (userId: string) =>
    (await call<IssuedResetLink>('POST', `/api/members/${enc(userId)}/password-reset`)).data,
  requireTwoFactor: async (required: boolean) =>
    (await call<TwoFactorRequirement>('PUT', '/api/organisation/two-factor', { required })).data,
};

/** „Mein Konto“, the organisation switcher and the forgotten-password pages. */
export const accountApi = {
  changePassword: async (currentPassword: string, newPassword: string) =>
    void (await call('PUT', '/api/account/password', { currentPassword, newPassword })),
  async switchOrganisation(tenantId: string): Promise<Me> {
    const { data } = await call<Me>('PUT', '/api/account/organisation', { tenantId });
    csrfToken = data.csrfToken;
    return data;
  },
  startTwoFactor: async () => (await call<TwoFactorEnrolment>('POST', '/api/account/two-factor')).data,
  confirmTwoFactor: async (code: string) =>
    (await call<RecoveryCodes>('POST', '/api/account/two-factor/confirm', { code })).data.recoveryCodes,
  disableTwoFactor: async (password: string, code: string) =>
    void (await call('POST', '/api/account/two-factor/disable', { password, code })),
  requestReset: async (email: string) => void (await call('POST', '/api/auth/password-reset', { email })),
  confirmReset: async (token: string, password: string) =>
    void (await call('POST', '/api/auth/password-reset/confirm', { token, password })),
  notifications: async (flowId: string) =>
    (await call<NotificationChoice>('GET', `/api/flows/${enc(flowId)}/notifications`)).data,
  setNotifications: async (flowId: string, level: NotificationChoice['level']) =>
    (await call<NotificationChoice>('PUT', `/api/flows/${enc(flowId)}/notifications`, { level })).data,
};
