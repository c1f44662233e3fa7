// Tables of the privacy core: call notes (sealed), their pseudonymous subject index, tenant
// keys, and the deletion-receipt chain. Nothing here holds personal content in clear: the note
// lives only inside `ciphertext`, numbers only as HMAC subject keys.
// Change this file, then run `npx drizzle-kit generate` to write a new migration.
import { blob, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { DELETION_REASONS } from '../../privacy/receipts';
import { tenants } from './schema';

export const tenantKeys = sqliteTable('tenant_keys', {
  tenantId: text('tenant_id')
    .primaryKey()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  /** Tenant key sealed by the master key (AAD = tenant id). */
  wrappedKey: blob('wrapped_key', { mode: 'buffer' }).notNull(),
  createdAt: integer('created_at').notNull(),
});

export const callNotes = sqliteTable(
  'call_notes',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    txId: text('tx_id').notNull(),
    flowId: text('flow_id').notNull(),
    flowVersion: integer('flow_version'),
    test: integer('test', { mode: 'boolean' }).notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    deleteOnDelivery: integer('delete_on_delivery', { mode: 'boolean' }).notNull(),
    status: text('status', { enum: ['new', 'done'] }).notNull(),
    restricted: integer('restricted', { mode: 'boolean' }).notNull(),
    /** Id of the data key; the key itself lives only in the separate key store (keystore.ts). */
    keyId: text('key_id').notNull(),
    ciphertext: blob('ciphertext', { mode: 'buffer' }).notNull(),
    webhookUrl: text('webhook_url'),
    webhookAttempts: integer('webhook_attempts').notNull().default(0),
    webhookFirstAttemptAt: integer('webhook_first_attempt_at'),
    webhookNextAttemptAt: integer('webhook_next_attempt_at'),
    inboxPending: integer('inbox_pending', { mode: 'boolean' }).notNull(),
    /** Set when a deletion started: a crash between key destruction and row deletion resumes from here. */
    shredReason: text('shred_reason', { enum: DELETION_REASONS }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.txId] }),
    index('call_notes_expires').on(t.expiresAt),
    index('call_notes_webhook_due').on(t.webhookNextAttemptAt),
  ],
);

export const callNoteSubjects = sqliteTable(
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

export const deletionReceipts = sqliteTable(
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

export const receiptHeads = sqliteTable('receipt_heads', {
  tenantId: text('tenant_id').primaryKey(),
  seq: integer('seq').notNull(),
  hash: text('hash').notNull(),
  mac: text('mac').notNull(),
});

/**
 * Signed checkpoints of each tenant's receipt chain (privacy/checkpoints.ts). Like the receipts,
 * no foreign key to `tenants`: a deleted organisation's chain and its final checkpoint stay.
 */
export const receiptCheckpoints = sqliteTable(
  'receipt_checkpoints',
  {
    tenantId: text('tenant_id').notNull(),
    count: integer('count').notNull(),
    final: integer('final', { mode: 'boolean' }).notNull(),
    headHash: text('head_hash').notNull(),
    time: text('time').notNull(),
    keyId: text('key_id').notNull(),
    signature: text('signature').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.count, t.final] })],
);

/** Every public key that ever signed a checkpoint, so old ones verify after a master-key rotation. */
export const receiptSigningKeys = sqliteTable('receipt_signing_keys', {
  keyId: text('key_id').primaryKey(),
  /** Raw Ed25519 public key, base64url. */
  publicKey: text('public_key').notNull(),
  createdAt: integer('created_at').notNull(),
});

/** The organisation's receipts webhook (checkpoints are POSTed there) and its delivery state. */
export const receiptWebhooks = sqliteTable('receipt_webhooks', {
  tenantId: text('tenant_id')
    .primaryKey()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  url: text('url').notNull(),
  /** Position of the last checkpoint delivered; -1 = none yet (the current one goes out first). */
  deliveredCount: integer('delivered_count').notNull(),
  deliveredFinal: integer('delivered_final', { mode: 'boolean' }).notNull(),
  attempts: integer('attempts').notNull(),
  nextAttemptAt: integer('next_attempt_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});
