// Tenants, users, memberships, sessions and API tokens on SQLite.
import { and, eq, isNull, lt, ne, sql } from 'drizzle-orm';
import { newId } from '../ids';
import { newUser } from '../new-user';
import type {
  ApiToken,
  MemberChange,
  MembershipRepository,
  Role,
  SessionRepository,
  TenantRepository,
  TokenRepository,
  UserRepository,
} from '../types';
import type { SqliteDb } from './open';
import { apiTokens, memberships, numberBindings, sessions, tenants, users } from './schema';
import { notificationChoices } from './team-schema';

type Now = () => number;

export function tenantRepository(db: SqliteDb, now: Now): TenantRepository {
  return {
    async create(name) {
      const row = {
        id: newId('ten'),
        name,
        status: 'active' as const,
        twoFactorRequired: false,
        createdAt: now(),
      };
      db.insert(tenants).values(row).run();
      return row;
    },
    async get(tenantId) {
      return db.select().from(tenants).where(eq(tenants.id, tenantId)).get();
    },
    async count() {
      return db.select().from(tenants).all().length;
    },
    async ids() {
      return db
        .select({ id: tenants.id })
        .from(tenants)
        .all()
        .map((r) => r.id);
    },
    async list() {
      return db.select().from(tenants).orderBy(tenants.createdAt, tenants.id).all();
    },
    async setStatus(tenantId, status) {
      return db.update(tenants).set({ status }).where(eq(tenants.id, tenantId)).run().changes > 0;
    },
    async setTwoFactorRequired(tenantId, required) {
      return (
        db.update(tenants).set({ twoFactorRequired: required }).where(eq(tenants.id, tenantId)).run()
          .changes > 0
      );
    },
    async delete(tenantId) {
      return db.transaction((tx) => {
        // Bindings restrict their flow's deletion; they go first so the cascade can take the rest.
        tx.delete(numberBindings).where(eq(numberBindings.tenantId, tenantId)).run();
        return tx.delete(tenants).where(eq(tenants.id, tenantId)).run().changes > 0;
      });
    },
  };
}

export function userRepository(db: SqliteDb, now: Now): UserRepository {
  return {
    async create(email, passwordHash, options = {}) {
      const row = newUser(email, passwordHash, options, now());
      db.insert(users).values(row).run();
      return row;
    },
    async findByEmail(email) {
      return db.select().from(users).where(eq(users.email, email.toLowerCase())).get();
    },
    async get(userId) {
      return db.select().from(users).where(eq(users.id, userId)).get();
    },
    async count() {
      return db.select({ id: users.id }).from(users).all().length;
    },
    async setPassword(userId, passwordHash, options = {}) {
      db.transaction((tx) => {
        tx.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
        const kept = options.keepSession;
        tx.delete(sessions)
          .where(and(eq(sessions.userId, userId), kept ? ne(sessions.idHash, kept) : undefined))
          .run();
      });
    },
  };
}

export function membershipRepository(db: SqliteDb, now: Now): MembershipRepository {
  const cols = { tenantId: memberships.tenantId, userId: memberships.userId, role: memberships.role };
  return {
    async add(tenantId, userId, role: Role) {
      db.insert(memberships).values({ tenantId, userId, role, createdAt: now() }).run();
    },
    async get(tenantId, userId) {
      return db
        .select(cols)
        .from(memberships)
        .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)))
        .get();
    },
    async listForUser(userId) {
      return db.select(cols).from(memberships).where(eq(memberships.userId, userId)).all();
    },
    async listForTenant(tenantId) {
      return db.select(cols).from(memberships).where(eq(memberships.tenantId, tenantId)).all();
    },
    async changeRole(tenantId, userId, role) {
      return changeMember(db, tenantId, userId, role);
    },
    async remove(tenantId, userId) {
      return changeMember(db, tenantId, userId, null);
    },
  };
}

/**
 * A role change (`role`) or removal (`null`) in one transaction: the last owner stays, and the
 * person's sessions and tokens in this organisation end with the change (SQLite serialises
 * writers, so the owner count cannot change underneath).
 */
function changeMember(db: SqliteDb, tenantId: string, userId: string, role: Role | null): MemberChange {
  return db.transaction((tx) => {
    const member = and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId));
    const current = tx.select({ role: memberships.role }).from(memberships).where(member).get();
    if (!current) return 'not-found';
    if (current.role === 'owner' && role !== 'owner') {
      const owners = tx
        .select({ n: sql<number>`count(*)` })
        .from(memberships)
        .where(and(eq(memberships.tenantId, tenantId), eq(memberships.role, 'owner')))
        .get();
      if ((owners?.n ?? 0) <= 1) return 'last-owner';
    }
    if (role === null) {
      tx.delete(notificationChoices)
        .where(and(eq(notificationChoices.tenantId, tenantId), eq(notificationChoices.userId, userId)))
        .run();
      tx.delete(memberships).where(member).run();
    } else tx.update(memberships).set({ role }).where(member).run();
    tx.delete(sessions)
      .where(and(eq(sessions.tenantId, tenantId), eq(sessions.userId, userId)))
      .run();
    tx.delete(apiTokens)
      .where(and(eq(apiTokens.tenantId, tenantId), eq(apiTokens.userId, userId)))
      .run();
    return 'changed';
  });
}

export function sessionRepository(db: SqliteDb): SessionRepository {
  return {
    async create(session) {
      db.insert(sessions).values(session).run();
    },
    async find(idHash, at) {
      const row = db.select().from(sessions).where(eq(sessions.idHash, idHash)).get();
      return row && row.expiresAt > at ? row : undefined;
    },
    async delete(idHash) {
      db.delete(sessions).where(eq(sessions.idHash, idHash)).run();
    },
    async deleteExpired(at) {
      return db.delete(sessions).where(lt(sessions.expiresAt, at)).run().changes;
    },
  };
}

const sameTenant = (tenantId: string | null) =>
  tenantId === null ? isNull(apiTokens.tenantId) : eq(apiTokens.tenantId, tenantId);
const operatorTokens = (userId: string) => and(isNull(apiTokens.tenantId), eq(apiTokens.userId, userId));

function toToken(row: typeof apiTokens.$inferSelect): ApiToken {
  const { secretHash: _secret, scopes, ...rest } = row;
  return { ...rest, scopes: JSON.parse(scopes) as string[] };
}

export function tokenRepository(db: SqliteDb, now: Now): TokenRepository {
  return {
    async create(tenantId, input) {
      const row = {
        id: input.id,
        tenantId,
        userId: input.userId,
        name: input.name,
        secretHash: input.secretHash,
        scopes: JSON.stringify(input.scopes),
        createdAt: now(),
        lastUsedAt: null,
      };
      db.insert(apiTokens).values(row).run();
      return toToken(row);
    },
    async findBySecretHash(secretHash) {
      const row = db.select().from(apiTokens).where(eq(apiTokens.secretHash, secretHash)).get();
      return row && toToken(row);
    },
    async list(tenantId) {
      return db.select().from(apiTokens).where(eq(apiTokens.tenantId, tenantId)).all().map(toToken);
    },
    async delete(tenantId, tokenId) {
      const res = db
        .delete(apiTokens)
        .where(and(eq(apiTokens.tenantId, tenantId), eq(apiTokens.id, tokenId)))
        .run();
      return res.changes > 0;
    },
    async touch(tenantId, tokenId, at) {
      db.update(apiTokens)
        .set({ lastUsedAt: at })
        .where(and(sameTenant(tenantId), eq(apiTokens.id, tokenId)))
        .run();
    },
    async listOperator(userId) {
      return db.select().from(apiTokens).where(operatorTokens(userId)).all().map(toToken);
    },
    async deleteOperator(userId, tokenId) {
      return (
        db
          .delete(apiTokens)
          .where(and(operatorTokens(userId), eq(apiTokens.id, tokenId)))
          .run().changes > 0
      );
    },
  };
}
