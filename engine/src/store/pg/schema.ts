// PostgreSQL tables (drizzle pg-core), column for column the SQLite schema in ../sqlite/schema.ts:
// same names, same keys, same tenant_id on every tenant-owned table. Timestamps stay integer
// milliseconds (bigint, read as JS numbers) so both dialects hand out identical records.
// Tables are unqualified: the connection's search_path picks the schema (tests use one per test).
// Change this file, then run `npx drizzle-kit generate --config drizzle.pg.config.ts`.
import { bigint, boolean, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';

/** Epoch milliseconds exceed int4; `mode: 'number'` keeps them plain JS numbers (safe up to 2^53). */
export const millis = (name: string) => bigint(name, { mode: 'number' });

export const tenants = pgTable('tenants', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** A suspended organisation keeps its data; its numbers only play a notice, its people cannot log in. */
  status: text('status', { enum: ['active', 'suspended'] })
    .notNull()
    .default('active'),
  /** The owner requires every member to log in with a second factor. */
  twoFactorRequired: boolean('two_factor_required').notNull().default(false),
  createdAt: millis('created_at').notNull(),
});

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  /** Lower-cased. */
  email: text('email').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  /** Display name, set when the person accepts an invitation. */
  name: text('name'),
  /** The platform operator: administers organisations and numbers, reads no organisation's data. */
  isOperator: boolean('is_operator').notNull().default(false),
  createdAt: millis('created_at').notNull(),
});

export const memberships = pgTable(
  'memberships',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['owner', 'editor', 'agent', 'auditor', 'viewer'] }).notNull(),
    createdAt: millis('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId] })],
);

export const sessions = pgTable(
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
    createdAt: millis('created_at').notNull(),
    expiresAt: millis('expires_at').notNull(),
  },
  (t) => [index('sessions_expires').on(t.expiresAt)],
);

export const apiTokens = pgTable(
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
    /** JSON array of scope strings (text, as on SQLite, so both dialects parse the same). */
    scopes: text('scopes').notNull(),
    createdAt: millis('created_at').notNull(),
    lastUsedAt: millis('last_used_at'),
  },
  (t) => [index('api_tokens_tenant').on(t.tenantId)],
);

export const flows = pgTable(
  'flows',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    createdAt: millis('created_at').notNull(),
    updatedAt: millis('updated_at').notNull(),
  },
  (t) => [uniqueIndex('flows_tenant_slug').on(t.tenantId, t.slug)],
);

export const flowDrafts = pgTable('flow_drafts', {
  flowId: text('flow_id')
    .primaryKey()
    .references(() => flows.id, { onDelete: 'cascade' }),
  tenantId: text('tenant_id')
    .notNull()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  /** The working copy as posted, as text: jsonb would reorder keys and change what the user saved. */
  json: text('json').notNull(),
  revision: integer('revision').notNull(),
  updatedAt: millis('updated_at').notNull(),
  updatedBy: text('updated_by'),
});

export const flowVersions = pgTable(
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
    canonicalJson: text('canonical_json').notNull(),
    message: text('message').notNull(),
    authorId: text('author_id'),
    createdAt: millis('created_at').notNull(),
  },
  (t) => [uniqueIndex('flow_versions_flow_number').on(t.flowId, t.number)],
);

export const numberBindings = pgTable(
  'number_bindings',
  {
    number: text('number').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    flowId: text('flow_id')
      .notNull()
      .references(() => flows.id, { onDelete: 'restrict' }),
    version: integer('version'),
    updatedAt: millis('updated_at').notNull(),
  },
  (t) => [index('number_bindings_tenant').on(t.tenantId)],
);

export const handoffTargets = pgTable(
  'handoff_targets',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    id: text('id').notNull(),
    label: text('label').notNull(),
    number: text('number').notNull(),
    allowSpecial: boolean('allow_special').notNull().default(false),
    createdAt: millis('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const auditEvents = pgTable(
  'audit_events',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    at: millis('at').notNull(),
    actorType: text('actor_type', { enum: ['user', 'token', 'system'] }).notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
  },
  (t) => [index('audit_events_tenant_at').on(t.tenantId, t.at)],
);
