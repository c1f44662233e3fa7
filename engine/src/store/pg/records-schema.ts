// Privacy-core tables on PostgreSQL, mirroring ../sqlite/records-schema.ts. Nothing here holds
// personal content in clear: the note lives only inside `ciphertext`, numbers only as HMAC subject
// keys, and the data keys live in the separate key store (./keystore.ts), never in this database.
// Change this file, then run `npx drizzle-kit generate --config drizzle.pg.config.ts`.
import { boolean, customType, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { DELETION_REASONS } from '../../privacy/receipts';
import { millis, tenants } from './schema';

/** bytea read and written as Node Buffers (what the sealing code works with). */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

export const tenantKeys = pgTable('tenant_keys', {
  tenantId: text('tenant_id')
    .primaryKey()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  wrappedKey: bytea('wrapped_key').notNull(),
  createdAt: millis('created_at').notNull(),
});

export const callNotes = pgTable(
  'call_notes',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    txId: text('tx_id').notNull(),
    flowId: text('flow_id').notNull(),
    flowVersion: integer('flow_version'),
    test: boolean('test').notNull(),
    createdAt: millis('created_at').notNull(),
    expiresAt: millis('expires_at').notNull(),
    deleteOnDelivery: boolean('delete_on_delivery').notNull(),
    status: text('status', { enum: ['new', 'done'] }).notNull(),
    restricted: boolean('restricted').notNull(),
    keyId: text('key_id').notNull(),
    ciphertext: bytea('ciphertext').notNull(),
    webhookUrl: text('webhook_url'),
    webhookAttempts: integer('webhook_attempts').notNull().default(0),
    webhookFirstAttemptAt: millis('webhook_first_attempt_at'),
    webhookNextAttemptAt: millis('webhook_next_attempt_at'),
    inboxPending: boolean('inbox_pending').notNull(),
    /** Set when a deletion started: a crash between key destruction and row deletion resumes from here. */
    shredReason: text('shred_reason', { enum: DELETION_REASONS }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.txId] }),
    index('call_notes_expires').on(t.expiresAt),
    index('call_notes_webhook_due').on(t.webhookNextAttemptAt),
  ],
);

export const callNoteSubjects = pgTable(
  'call_note_subjects',
  {
    tenantId: text('tenant_id').notNull(),
    txId: text('tx_id').notNull(),
    subjectKey: text('subject_key').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.subjectKey, t.txId] }),
    index('call_note_subjects_tx').on(t.tenantId, t.txId),
  ],
);

export const deletionReceipts = pgTable(
  'deletion_receipts',
  {
    tenantId: text('tenant_id').notNull(),
    seq: integer('seq').notNull(),
    receiptId: text('receipt_id').notNull().unique(),
    txId: text('tx_id').notNull(),
    reason: text('reason', { enum: DELETION_REASONS }).notNull(),
    deletedAt: text('deleted_at').notNull(),
    keyId: text('key_id').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.seq] })],
);

export const receiptHeads = pgTable('receipt_heads', {
  tenantId: text('tenant_id').primaryKey(),
  seq: integer('seq').notNull(),
  hash: text('hash').notNull(),
  mac: text('mac').notNull(),
});

/**
 * Signed checkpoints of each tenant's receipt chain (privacy/checkpoints.ts). Like the receipts,
 * no foreign key to `tenants`: a deleted organisation's chain and its final checkpoint stay.
 */
export const receiptCheckpoints = pgTable(
  'receipt_checkpoints',
  {
    tenantId: text('tenant_id').notNull(),
    count: integer('count').notNull(),
    final: boolean('final').notNull(),
    headHash: text('head_hash').notNull(),
    time: text('time').notNull(),
    keyId: text('key_id').notNull(),
    signature: text('signature').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.count, t.final] })],
);

/** Every public key that ever signed a checkpoint, so old ones verify after a master-key rotation. */
export const receiptSigningKeys = pgTable('receipt_signing_keys', {
  keyId: text('key_id').primaryKey(),
  /** Raw Ed25519 public key, base64url. */
  publicKey: text('public_key').notNull(),
  createdAt: millis('created_at').notNull(),
});

/** The organisation's receipts webhook (checkpoints are POSTed there) and its delivery state. */
export const receiptWebhooks = pgTable('receipt_webhooks', {
  tenantId: text('tenant_id')
    .primaryKey()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  url: text('url').notNull(),
  /** Position of the last checkpoint delivered; -1 = none yet (the current one goes out first). */
  deliveredCount: integer('delivered_count').notNull(),
  deliveredFinal: boolean('delivered_final').notNull(),
  attempts: integer('attempts').notNull(),
  nextAttemptAt: millis('next_attempt_at').notNull(),
  updatedAt: millis('updated_at').notNull(),
});
