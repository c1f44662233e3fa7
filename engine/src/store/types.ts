// The store's public face: plain records and repository interfaces. Callers (HTTP routes, the
// bootstrap, later the privacy core and the voice pipeline) depend only on these; the SQLite
// implementation lives in ./sqlite and a PostgreSQL one can be added beside it.
//
// Rule: every method that touches tenant-owned rows takes `tenantId` as its first argument and
// filters on it. The only exceptions are named for what they are (`users.findByEmail` for login,
// `sessions.find`/`tokens.findBySecretHash` for authentication, `routing.resolveNumber` for an
// incoming call, which arrives before any tenant is known).
//
// Methods are async so a networked database fits behind the same interfaces.

import type {
  CallNoteRepository,
  CheckpointRepository,
  ReceiptRepository,
  ReceiptWebhookRepository,
  TenantKeyRepository,
} from '../records/types';
import type { AnalyticsRepository } from '../analytics/repository';
import type {
  AttemptLimitRepository,
  InvitationRepository,
  NotificationChoiceRepository,
  PasswordResetRepository,
  TwoFactorRepository,
} from './team-types';

// The team's records and repositories (invitations, second factors, limits, resets, e-mail
// choices) stand in their own file; callers import them from here as from everywhere else.
export * from './team-types';

export const ROLES = ['owner', 'editor', 'agent', 'auditor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const TENANT_STATUSES = ['active', 'suspended'] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

export interface Tenant {
  id: string;
  name: string;
  status: TenantStatus;
  /** Every member must log in with a second factor (set by an owner). */
  twoFactorRequired: boolean;
  createdAt: number;
}

export interface User {
  id: string;
  email: string;
  passwordHash: string;
  name: string | null;
  /** The platform operator (organisations and numbers); no organisation role comes with it. */
  isOperator: boolean;
  createdAt: number;
}

export interface Membership {
  tenantId: string;
  userId: string;
  role: Role;
}

export interface Session {
  idHash: string;
  /** null: an operator's session outside every organisation. */
  tenantId: string | null;
  userId: string;
  csrfToken: string;
  createdAt: number;
  expiresAt: number;
}

export interface ApiToken {
  id: string;
  /** null: an operator token (administration only). */
  tenantId: string | null;
  userId: string;
  name: string;
  scopes: string[];
  createdAt: number;
  lastUsedAt: number | null;
}

export interface FlowRow {
  id: string;
  tenantId: string;
  slug: string;
  name: string;
  createdAt: number;
  updatedAt: number;
}

export interface Draft {
  flowId: string;
  /** Parsed JSON of the working copy; may be invalid as a flow. */
  document: unknown;
  revision: number;
  updatedAt: number;
  updatedBy: string | null;
}

export interface FlowVersion {
  flowId: string;
  number: number;
  contentHash: string;
  canonicalJson: string;
  message: string;
  authorId: string | null;
  createdAt: number;
}

export type FlowVersionSummary = Omit<FlowVersion, 'canonicalJson'>;

export interface NumberBinding {
  number: string;
  tenantId: string;
  flowId: string;
  /** null = always the latest published version. */
  version: number | null;
  updatedAt: number;
}

export interface HandoffTarget {
  id: string;
  label: string;
  number: string;
  allowSpecial: boolean;
}

/** A number the operator gave an organisation, with the flow it answers (if bound). */
export interface NumberAssignment {
  number: string;
  tenantId: string;
  assignedAt: number;
  flowId: string | null;
  version: number | null;
}

export type ActorType = 'user' | 'token' | 'system';

export interface AuditEvent {
  id: string;
  at: number;
  actorType: ActorType;
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
}

export type NewAuditEvent = Omit<AuditEvent, 'id' | 'at'>;

/** The operator's trail: organisation and number changes, with the organisation concerned. */
export interface OperatorAuditEvent extends AuditEvent {
  tenantId: string | null;
}

export interface TenantRepository {
  create(name: string): Promise<Tenant>;
  get(tenantId: string): Promise<Tenant | undefined>;
  count(): Promise<number>;
  /** Every organisation's id (start-up work such as warming the prompt cache of bound numbers). */
  ids(): Promise<string[]>;
  /** The operator's overview, oldest first. */
  list(): Promise<Tenant[]>;
  setStatus(tenantId: string, status: TenantStatus): Promise<boolean>;
  setTwoFactorRequired(tenantId: string, required: boolean): Promise<boolean>;
  /**
   * Removes the organisation with its numbers, flows, members, sessions, tokens, invitations and
   * audit (call notes must be shredded first: their receipts are kept, they have no foreign key).
   */
  delete(tenantId: string): Promise<boolean>;
}

export interface UserRepository {
  create(
    email: string,
    passwordHash: string,
    options?: { name?: string | null; isOperator?: boolean },
  ): Promise<User>;
  /** Login only: users are global, their rights come from memberships. */
  findByEmail(email: string): Promise<User | undefined>;
  get(userId: string): Promise<User | undefined>;
  count(): Promise<number>;
  /**
   * Sets a new password hash and ends every session of the person (but the one given, when they
   * changed it themselves) — a stolen session does not survive a password change or reset.
   */
  setPassword(userId: string, passwordHash: string, options?: { keepSession?: string }): Promise<void>;
}

export interface MembershipRepository {
  add(tenantId: string, userId: string, role: Role): Promise<void>;
  get(tenantId: string, userId: string): Promise<Membership | undefined>;
  listForUser(userId: string): Promise<Membership[]>;
  listForTenant(tenantId: string): Promise<Membership[]>;
  /**
   * Gives the member another role and ends their sessions and tokens in this organisation, in one
   * transaction; refuses to demote the last owner.
   */
  changeRole(tenantId: string, userId: string, role: Role): Promise<MemberChange>;
  /** Removes the member with their sessions, tokens and notification choices here; never the last owner. */
  remove(tenantId: string, userId: string): Promise<MemberChange>;
}

export type MemberChange = 'changed' | 'not-found' | 'last-owner';

export interface SessionRepository {
  create(session: Session): Promise<void>;
  find(idHash: string, now: number): Promise<Session | undefined>;
  delete(idHash: string): Promise<void>;
  deleteExpired(now: number): Promise<number>;
}

export interface TokenRepository {
  /** `tenantId` null: an operator token. */
  create(
    tenantId: string | null,
    token: Omit<ApiToken, 'tenantId' | 'createdAt' | 'lastUsedAt'> & { secretHash: string },
  ): Promise<ApiToken>;
  findBySecretHash(secretHash: string): Promise<ApiToken | undefined>;
  list(tenantId: string): Promise<ApiToken[]>;
  /** Returns false when the token does not exist in this tenant. */
  delete(tenantId: string, tokenId: string): Promise<boolean>;
  touch(tenantId: string | null, tokenId: string, now: number): Promise<void>;
  /** An operator's own tokens (no organisation). */
  listOperator(userId: string): Promise<ApiToken[]>;
  deleteOperator(userId: string, tokenId: string): Promise<boolean>;
}

export interface FlowRepository {
  /** Creates the flow with its first draft (revision 1). Throws ConflictError on a duplicate slug. */
  create(
    tenantId: string,
    input: { slug: string; name: string; document: unknown; userId: string | null },
  ): Promise<FlowRow>;
  get(tenantId: string, flowId: string): Promise<FlowRow | undefined>;
  findBySlug(tenantId: string, slug: string): Promise<FlowRow | undefined>;
  list(tenantId: string): Promise<FlowRow[]>;
  /** Deletes the flow, its draft and versions. Throws ConflictError while a number is bound to it. */
  delete(tenantId: string, flowId: string): Promise<boolean>;
  getDraft(tenantId: string, flowId: string): Promise<Draft | undefined>;
  /**
   * Saves the draft only when its current revision equals `expectedRevision` (optimistic lock).
   * Returns the new draft, or `{ conflict: current }` when someone saved in between.
   */
  saveDraft(
    tenantId: string,
    flowId: string,
    input: { document: unknown; name?: string; expectedRevision: number; userId: string | null },
  ): Promise<Draft | { conflict: Draft }>;
}

export interface VersionRepository {
  /** Appends version max+1. Immutable afterwards. */
  append(
    tenantId: string,
    flowId: string,
    input: Omit<FlowVersion, 'flowId' | 'number' | 'createdAt'>,
  ): Promise<FlowVersion>;
  get(tenantId: string, flowId: string, number: number): Promise<FlowVersion | undefined>;
  latest(tenantId: string, flowId: string): Promise<FlowVersion | undefined>;
  list(tenantId: string, flowId: string): Promise<FlowVersionSummary[]>;
}

/** An organisation's side of its numbers. */
export interface TenantNumberRepository {
  list(tenantId: string): Promise<NumberBinding[]>;
  /** The numbers the operator assigned to this organisation (bound or not). */
  assigned(tenantId: string): Promise<string[]>;
  /** Binds or re-binds; 'not-assigned' unless the operator assigned the number to this tenant. */
  bind(
    tenantId: string,
    binding: Omit<NumberBinding, 'tenantId' | 'updatedAt'>,
  ): Promise<NumberBinding | 'not-assigned'>;
  /** Removes the binding of one of the tenant's numbers (the assignment stays). */
  unbind(tenantId: string, number: string): Promise<boolean>;
}

/** The operator's side of numbers: which organisation owns which number. */
export interface NumberAdminRepository {
  /** Operator: gives a free number to an organisation; 'taken' when another one holds it. */
  assign(number: string, tenantId: string): Promise<'assigned' | 'taken'>;
  /** Operator: takes the number back (and its binding); the tenant it belonged to, if any. */
  release(number: string): Promise<string | undefined>;
  /** Operator: every assigned number with the flow it answers. */
  assignments(): Promise<NumberAssignment[]>;
}

export type NumberRepository = TenantNumberRepository & NumberAdminRepository;

export interface OperatorAuditRepository {
  record(event: Omit<OperatorAuditEvent, 'id' | 'at'>): Promise<OperatorAuditEvent>;
  list(options: { limit: number; before?: number }): Promise<OperatorAuditEvent[]>;
}

export interface HandoffTargetRepository {
  list(tenantId: string): Promise<HandoffTarget[]>;
  upsert(tenantId: string, target: HandoffTarget): Promise<void>;
}

export interface AuditRepository {
  record(tenantId: string, event: NewAuditEvent): Promise<AuditEvent>;
  list(tenantId: string, options: { limit: number; before?: number }): Promise<AuditEvent[]>;
}

/** Cross-tenant lookups for an incoming call: the dialled number decides the tenant. */
export interface RoutingRepository {
  resolveNumber(
    e164: string,
  ): Promise<{ tenantId: string; flowId: string; version: FlowVersion } | undefined>;
}

export interface Store {
  tenants: TenantRepository;
  users: UserRepository;
  memberships: MembershipRepository;
  sessions: SessionRepository;
  tokens: TokenRepository;
  flows: FlowRepository;
  versions: VersionRepository;
  numbers: NumberRepository;
  invitations: InvitationRepository;
  twoFactor: TwoFactorRepository;
  attemptLimits: AttemptLimitRepository;
  passwordResets: PasswordResetRepository;
  notificationChoices: NotificationChoiceRepository;
  operatorAudit: OperatorAuditRepository;
  handoffTargets: HandoffTargetRepository;
  audit: AuditRepository;
  routing: RoutingRepository;
  /** Sealed call notes (privacy core); data keys live in a separate key-store file. */
  callNotes: CallNoteRepository;
  /** Deletion receipts and their chain heads. */
  receipts: ReceiptRepository;
  /** Signed checkpoints of the receipt chains and the public keys that verify them. */
  checkpoints: CheckpointRepository;
  /** Each organisation's receipts webhook (where its checkpoints are sent). */
  receiptWebhooks: ReceiptWebhookRepository;
  /** Tenant keys, wrapped by the master key. */
  tenantKeys: TenantKeyRepository;
  /** Daily flow analytics (analytics/repository.ts); optional: a store without it keeps analytics in memory. */
  analytics?: AnalyticsRepository;
  /** Cheap liveness probe for /readyz. */
  ping(): Promise<boolean>;
  close(): void;
}

/** A unique or referential rule would be broken (duplicate slug, flow still bound to a number). */
export class ConflictError extends Error {
  constructor(readonly code: string) {
    super(code);
    this.name = 'ConflictError';
  }
}
