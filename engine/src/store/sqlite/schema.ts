// SQLite tables (drizzle). Every tenant-owned table carries `tenant_id`, and every repository
// query filters on it. Timestamps are integer milliseconds since the epoch (UTC).
// Change this file, then run `npx drizzle-kit generate` to write a new migration.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const tenants = sqliteTable('tenants', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** A suspended organisation keeps its data; its numbers only play a notice, its people cannot log in. */
  status: text('status', { enum: ['active', 'suspended'] })
    .notNull()
    .default('active'),
  /** The owner requires every member to log in with a second factor. */
  twoFactorRequired: integer('two_factor_required', { mode: 'boolean' }).notNull().default(false),
  createdAt: integer('created_at').notNull(),
});

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  /** Lower-cased. */
  email: text('email').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  /** Display name, set when the person accepts an invitation. */
  name: text('name'),
  /** The platform operator: administers organisations and numbers, reads no organisation's data. */
  isOperator: integer('is_operator', { mode: 'boolean' }).notNull().default(false),
  createdAt: integer('created_at').notNull(),
});

export const memberships = sqliteTable(
  'memberships',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['owner', 'editor', 'agent', 'auditor', 'viewer'] }).notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId] })],
);

export const sessions = sqliteTable(
  'sessions',
  {
    /** sha256 of the cookie value: a stolen database does not yield live sessions. */
    idHash: text('id_hash').primaryKey(),
    /** NULL: an operator's session or token, outside every organisation. */
    tenantId: text('tenant_id').references(() => tenants.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('sessions_expires').on(t.expiresAt)],
);

export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    /** NULL: an operator's session or token, outside every organisation. */
    tenantId: text('tenant_id').references(() => tenants.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** sha256 of the secret; the secret itself is shown once and never stored. */
    secretHash: text('secret_hash').notNull().unique(),
    /** JSON array of scope strings. */
    scopes: text('scopes').notNull(),
    createdAt: integer('created_at').notNull(),
    lastUsedAt: integer('last_used_at'),
  },
  (t) => [index('api_tokens_tenant').on(t.tenantId)],
);

export const flows = sqliteTable(
  'flows',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    /** The flow document's own `id` (e.g. `praxis-aufnahme`), unique per tenant. */
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('flows_tenant_slug').on(t.tenantId, t.slug)],
);

export const flowDrafts = sqliteTable('flow_drafts', {
  flowId: text('flow_id')
    .primaryKey()
    .references(() => flows.id, { onDelete: 'cascade' }),
  tenantId: text('tenant_id')
    .notNull()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  /** The working copy as posted (may contain errors). */
  json: text('json').notNull(),
  /** Increases on every save; the ETag is derived from it. */
  revision: integer('revision').notNull(),
  updatedAt: integer('updated_at').notNull(),
  updatedBy: text('updated_by'),
});

export const flowVersions = sqliteTable(
  'flow_versions',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    flowId: text('flow_id')
      .notNull()
      .references(() => flows.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    contentHash: text('content_hash').notNull(),
    /** Canonical JSON of the compiled flow; never updated after insert. */
    canonicalJson: text('canonical_json').notNull(),
    message: text('message').notNull(),
    authorId: text('author_id'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('flow_versions_flow_number').on(t.flowId, t.number)],
);

export const numberBindings = sqliteTable(
  'number_bindings',
  {
    /** E.164; one number routes to exactly one place, so it is unique across tenants. */
    number: text('number').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    flowId: text('flow_id')
      .notNull()
      .references(() => flows.id, { onDelete: 'restrict' }),
    /** A pinned version, or NULL for "always the latest published version". */
    version: integer('version'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('number_bindings_tenant').on(t.tenantId)],
);

export const handoffTargets = sqliteTable(
  'handoff_targets',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    /** The id flows reference in a handoff node's `target`. */
    id: text('id').notNull(),
    label: text('label').notNull(),
    number: text('number').notNull(),
    /** Foreign or premium-rate numbers need this explicit permission. */
    allowSpecial: integer('allow_special', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const auditEvents = sqliteTable(
  'audit_events',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    at: integer('at').notNull(),
    actorType: text('actor_type', { enum: ['user', 'token', 'system'] }).notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    /** Ids only (flow id, version number, E.164 number of the tenant's own line, token id). */
    targetId: text('target_id'),
  },
  (t) => [index('audit_events_tenant_at').on(t.tenantId, t.at)],
);
