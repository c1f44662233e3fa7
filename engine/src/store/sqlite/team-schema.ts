// Tables of the team (issue 20): two-factor secrets and recovery codes, the memory of used
// one-time codes, attempt limits shared by every server process, password-reset links and each
// member's notification choice per flow. Secrets, codes and links are stored only sealed or
// hashed; a limit's key is a hash too (it may name an e-mail address).
// Change this file, then run `npx drizzle-kit generate` to write a new migration.
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { flows, tenants, users } from './schema';

export const twoFactor = sqliteTable('two_factor', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** The TOTP secret, AES-256-GCM under a key derived from the master key (auth/totp-secret.ts). */
  secretSealed: text('secret_sealed').notNull(),
  /** NULL while the enrolment waits for its first code; login asks for codes only once confirmed. */
  confirmedAt: integer('confirmed_at'),
  createdAt: integer('created_at').notNull(),
});

export const recoveryCodes = sqliteTable(
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

export const usedTotpSteps = sqliteTable(
  'used_totp_steps',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The RFC 6238 time step a code was accepted for; a second login with it is refused. */
    step: integer('step').notNull(),
    usedAt: integer('used_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.step] }), index('used_totp_steps_used_at').on(t.usedAt)],
);

export const attemptLimits = sqliteTable(
  'attempt_limits',
  {
    /** sha256 of what is limited (`login|<address>|<e-mail>`, `totp|<user>` …). */
    keyHash: text('key_hash').primaryKey(),
    windowStart: integer('window_start').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [index('attempt_limits_window').on(t.windowStart)],
);

export const passwordResets = sqliteTable(
  'password_resets',
  {
    /** sha256 of the one-time token; the token itself is only in the link. */
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The owner who issued the link, NULL when the person asked by e-mail. */
    createdBy: text('created_by'),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('password_resets_user').on(t.userId)],
);

export const notificationChoices = sqliteTable(
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
