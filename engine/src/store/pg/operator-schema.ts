// PostgreSQL mirror of ../sqlite/operator-schema.ts (same tables, same columns).
// Tables of the operator's side: which organisation owns which phone number, invitations into
// an organisation, and the operator's own audit trail (kept apart from every organisation's
// audit, so it survives an organisation's deletion and never mixes with its events).
// Change this file, then run `npx drizzle-kit generate --config drizzle.pg.config.ts` to write a new migration.
import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { millis, tenants } from './schema';

export const numberAssignments = pgTable(
  'number_assignments',
  {
    /** E.164; the operator gives each number to exactly one organisation. */
    number: text('number').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    assignedAt: millis('assigned_at').notNull(),
  },
  (t) => [index('number_assignments_tenant').on(t.tenantId)],
);

export const invitations = pgTable(
  'invitations',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    /** Lower-cased; only this address can accept. */
    email: text('email').notNull(),
    role: text('role', { enum: ['owner', 'editor', 'agent', 'auditor', 'viewer'] }).notNull(),
    /** sha256 of the one-time token; the token itself is only in the link. */
    tokenHash: text('token_hash').notNull().unique(),
    createdBy: text('created_by'),
    createdAt: millis('created_at').notNull(),
    expiresAt: millis('expires_at').notNull(),
  },
  (t) => [index('invitations_tenant').on(t.tenantId)],
);

export const operatorAuditEvents = pgTable(
  'operator_audit_events',
  {
    id: text('id').primaryKey(),
    at: millis('at').notNull(),
    actorType: text('actor_type', { enum: ['user', 'token', 'system'] }).notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    /** `organisation` or `number`. */
    targetType: text('target_type').notNull(),
    /** An organisation id or an E.164 number the operator assigns — never content. */
    targetId: text('target_id'),
    /** The organisation concerned (no foreign key: the entry outlives a deleted organisation). */
    tenantId: text('tenant_id'),
  },
  (t) => [index('operator_audit_at').on(t.at)],
);
