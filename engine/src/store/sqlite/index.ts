// The SQLite store: one file, WAL, migrations applied on open — plus the key store
// (`keys.sqlite` next to it), which holds the call notes' data keys apart from their ciphertext.
import path from 'node:path';
import type { Store } from '../types';
import {
  membershipRepository,
  sessionRepository,
  tenantRepository,
  tokenRepository,
  userRepository,
} from './accounts';
import { analyticsRepository } from './analytics';
import { auditRepository } from './audit';
import { callNoteRepository, receiptRepository, tenantKeyRepository } from './call-notes';
import { checkpointRepository, receiptWebhookRepository } from './checkpoints';
import { flowRepository, versionRepository } from './flows';
import { openKeyStore } from './keystore';
import { handoffTargetRepository, numberRepository, routingRepository } from './numbers-and-targets';
import { invitationRepository, numberAdminRepository, operatorAuditRepository } from './operator';
import { closeSqlite, openSqlite } from './open';
import { WriteBatch } from './write-batch';
import {
  attemptLimitRepository,
  notificationChoiceRepository,
  passwordResetRepository,
  twoFactorRepository,
} from './team';

export interface SqliteStoreOptions {
  /** Path of the database file, or ':memory:' for tests. */
  file: string;
  now?: () => number;
  /** Test seam for the crash test: called right after a data key was destroyed (mid-shredding). */
  onKeyDestroyed?: () => void;
  /** Test seam: told after each batched commit (notes, analytics) how many writes it held. */
  onBatchCommit?: (writes: number) => void;
}

/** The key-store file that belongs to a database file (in memory for an in-memory database). */
export const KEY_STORE_FILE = 'keys.sqlite';
export function keyStorePath(file: string): string {
  return file === ':memory:' ? ':memory:' : path.join(path.dirname(file), KEY_STORE_FILE);
}

export function createSqliteStore({
  file,
  now = Date.now,
  onKeyDestroyed,
  onBatchCommit,
}: SqliteStoreOptions): Store {
  const { db, client } = openSqlite(file);
  const opened = openKeyStore(keyStorePath(file));
  const keys = onKeyDestroyed
    ? {
        ...opened,
        destroy: (t: string, x: string) => {
          const existed = opened.destroy(t, x);
          if (existed) onKeyDestroyed();
          return existed;
        },
      }
    : opened;
  // A finished call's writes (note, analytics) commit together with others of the same moment.
  const batch = new WriteBatch({
    // IMMEDIATE: several worker processes may write the file (see open.ts).
    main: (fn) => client.transaction(fn).immediate(),
    keys: keys.transaction,
    ...(onBatchCommit ? { onCommit: onBatchCommit } : {}),
  });
  return {
    tenants: tenantRepository(db, now),
    users: userRepository(db, now),
    memberships: membershipRepository(db, now),
    sessions: sessionRepository(db),
    tokens: tokenRepository(db, now),
    flows: flowRepository(db, now),
    versions: versionRepository(db, now),
    numbers: { ...numberRepository(db, now), ...numberAdminRepository(db, now) },
    invitations: invitationRepository(db, now),
    twoFactor: twoFactorRepository(db, now),
    attemptLimits: attemptLimitRepository(db),
    passwordResets: passwordResetRepository(db, now),
    notificationChoices: notificationChoiceRepository(db),
    operatorAudit: operatorAuditRepository(db, now),
    handoffTargets: handoffTargetRepository(db, now),
    audit: auditRepository(db, now),
    routing: routingRepository(db),
    callNotes: callNoteRepository(db, keys, batch),
    receipts: receiptRepository(db),
    checkpoints: checkpointRepository(db),
    receiptWebhooks: receiptWebhookRepository(db),
    tenantKeys: tenantKeyRepository(db, now),
    analytics: analyticsRepository(db, batch),
    async ping() {
      return client.open && client.prepare('SELECT 1 AS ok').get() !== undefined;
    },
    close() {
      batch.flush(); // what was accepted before the close is committed, not dropped
      keys.close();
      closeSqlite(client);
    },
  };
}
