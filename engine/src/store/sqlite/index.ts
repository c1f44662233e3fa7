// The SQLite store: one file, WAL, migrations applied on open.
import type { Store } from '../types';
import {
  membershipRepository, sessionRepository, tenantRepository, tokenRepository, userRepository,
} from './accounts';
import { auditRepository } from './audit';
import { flowRepository, versionRepository } from './flows';
import { handoffTargetRepository, numberRepository, routingRepository } from './lines';
import { closeSqlite, openSqlite } from './open';

export interface SqliteStoreOptions {
  /** Path of the database file, or ':memory:' for tests. */
  file: string;
  now?: () => number;
}

export function createSqliteStore({ file, now = Date.now }: SqliteStoreOptions): Store {
  const { db, client } = openSqlite(file);
  return {
    tenants: tenantRepository(db, now),
    users: userRepository(db, now),
    memberships: membershipRepository(db, now),
    sessions: sessionRepository(db),
    tokens: tokenRepository(db, now),
    flows: flowRepository(db, now),
    versions: versionRepository(db, now),
    numbers: numberRepository(db, now),
    handoffTargets: handoffTargetRepository(db, now),
    audit: auditRepository(db, now),
    routing: routingRepository(db),
    async ping() {
      return client.open && client.prepare('SELECT 1 AS ok').get() !== undefined;
    },
    close() {
      closeSqlite(client);
    },
  };
}
