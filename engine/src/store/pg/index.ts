// The PostgreSQL store: selected by `DATABASE_URL=postgres://…` (see ../open-store.ts). Same
// repositories and behaviour as the SQLite store; the call notes' data keys live in a separate
// key store (./keystore.ts), never in this database.
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
import { openPgKeyStore, type AsyncKeyStore } from './keystore';
import { handoffTargetRepository, numberRepository, routingRepository } from './numbers-and-targets';
import { invitationRepository, numberAdminRepository, operatorAuditRepository } from './operator';
import { openPg, type PgTarget } from './open';
import {
  attemptLimitRepository,
  notificationChoiceRepository,
  passwordResetRepository,
  twoFactorRepository,
} from './team';

export interface PgStoreOptions {
  /** The main database (and optionally a schema in it). */
  database: PgTarget;
  /** The key store; default: schema `callflow_keys` reached through the main database's URL. */
  keyStore?: PgTarget;
  now?: () => number;
  /** Test seam, as on SQLite: called right after a data key was destroyed (mid-shredding). */
  onKeyDestroyed?: () => void;
}

/** A Store whose connections can also be closed and awaited (tests drop their schema afterwards). */
export type PgStore = Store & { end(): Promise<void> };

export async function createPgStore({
  database,
  keyStore,
  now = Date.now,
  onKeyDestroyed,
}: PgStoreOptions): Promise<PgStore> {
  const { db, pool } = await openPg(database);
  const opened = await openPgKeyStore(keyStore ?? { url: database.url });
  const keys: AsyncKeyStore = onKeyDestroyed
    ? {
        ...opened,
        destroy: async (t, x) => {
          const existed = await opened.destroy(t, x);
          if (existed) onKeyDestroyed();
          return existed;
        },
      }
    : opened;
  let ended: Promise<void> | undefined;
  const end = () => (ended ??= Promise.all([pool.end(), keys.close()]).then(() => undefined));
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
    callNotes: callNoteRepository(db, keys),
    receipts: receiptRepository(db),
    checkpoints: checkpointRepository(db),
    receiptWebhooks: receiptWebhookRepository(db),
    tenantKeys: tenantKeyRepository(db, now),
    analytics: analyticsRepository(db),
    async ping() {
      if (ended) return false;
      try {
        return (await pool.query('SELECT 1 AS ok')).rows.length === 1;
      } catch {
        return false;
      }
    },
    close() {
      void end().catch(() => undefined);
    },
    end,
  };
}
