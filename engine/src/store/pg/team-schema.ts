// PostgreSQL mirror of ../sqlite/team-schema.ts (same tables, same columns).
// Tables of the team (issue 20): two-factor secrets and recovery codes, the memory of used
// one-time codes, attempt limits shared by every server process, password-reset links and each
// member's notification choice per flow. Secrets, codes and links are stored only sealed or
// hashed; a limit's key is a hash too (it may name an e-mail address).
// Change this file, then run `npx drizzle-kit generate --config drizzle.pg.config.ts` to write a new migration.
import { index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { flows, millis, tenants, users } from './schema';

export const twoFactor = pgTable('two_factor', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** The TOTP secret, AES-256-GCM under a key derived from the master key (auth/totp-secret.ts). */
  secretSealed: text('secret_sealed').notNull(),
  /** NULL while the enrolment waits for its first code; login asks for codes only once confirmed. */
  confirmedAt: millis('confirmed_at'),
  createdAt: millis('created_at').notNull(),
});

export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** sha256 of the code; a used code is deleted. */
    codeHash: text('code_hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.codeHash] })],
);

export const usedTotpSteps = pgTable(
  'used_totp_steps',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The RFC 6238 time step a code was accepted for; a second login with it is refused. */
    step: integer('step').notNull(),
    usedAt: millis('used_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.step] }), index('used_totp_steps_used_at').on(t.usedAt)],
);

export const attemptLimits = pgTable(
  'attempt_limits',
  {
    /** sha256 of what is limited (`login|<address>|<e-mail>`, `totp|<user>` …). */
    keyHash: text('key_hash').primaryKey(),
    windowStart: millis('window_start').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [index('attempt_limits_window').on(t.windowStart)],
);

export const passwordResets = pgTable(
  'password_resets',
  {
    /** sha256 of the one-time token; the token itself is only in the link. */
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The owner who issued the link, NULL when the person asked by e-mail. */
    createdBy: text('created_by'),
    createdAt: millis('created_at').notNull(),
    expiresAt: millis('expires_at').notNull(),
  },
  (t) => [index('password_resets_user').on(t.userId)],
);

export const notificationChoices = pgTable(
  'notification_choices',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    flowId: text('flow_id')
      .notNull()
      .references(() => flows.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** `all` notes or `urgent` ones only; no row = no e-mail. */
    level: text('level', { enum: ['all', 'urgent'] }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.flowId, t.userId] }),
    index('notification_choices_user').on(t.userId),
  ],
);
