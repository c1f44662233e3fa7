// Tenants, users, memberships, sessions and API tokens on PostgreSQL (mirrors ../sqlite/accounts.ts).
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
import type { PgDb } from './open';
import { apiTokens, memberships, numberBindings, sessions, tenants, users } from './schema';
import { notificationChoices } from './team-schema';

type Now = () => number;

export function tenantRepository(db: PgDb, now: Now): TenantRepository {
  return {
    async create(name) {
      const row = {
        id: newId('ten'),
        name,
        status: 'active' as const,
        twoFactorRequired: false,
        createdAt: now(),
      };
      await db.insert(tenants).values(row);
      return row;
    },
    async get(tenantId) {
      return (await db.select().from(tenants).where(eq(tenants.id, tenantId)))[0];
    },
    async count() {
      return (await db.select({ n: sql<number>`count(*)::int` }).from(tenants))[0].n;
    },
    async ids() {
      return (await db.select({ id: tenants.id }).from(tenants)).map((r) => r.id);
    },
    async list() {
      return db.select().from(tenants).orderBy(tenants.createdAt, tenants.id);
    },
    async setStatus(tenantId, status) {
      return ((await db.update(tenants).set({ status }).where(eq(tenants.id, tenantId))).rowCount ?? 0) > 0;
    },
    async setTwoFactorRequired(tenantId, required) {
      const res = await db
        .update(tenants)
        .set({ twoFactorRequired: required })
        .where(eq(tenants.id, tenantId));
      return (res.rowCount ?? 0) > 0;
    },
    async delete(tenantId) {
      return db.transaction(async (tx) => {
        // Bindings restrict their flow's deletion; they go first so the cascade can take the rest.
        await tx.delete(numberBindings).where(eq(numberBindings.tenantId, tenantId));
        return ((await tx.delete(tenants).where(eq(tenants.id, tenantId))).rowCount ?? 0) > 0;
      });
    },
  };
}

export function userRepository(db: PgDb, now: Now): UserRepository {
  return {
    async create(email, passwordHash, options = {}) {
      const row = newUser(email, passwordHash, options, now());
      await db.insert(users).values(row);
      return row;
    },
    async findByEmail(email) {
      return (await db.select().from(users).where(eq(users.email, email.toLowerCase())))[0];
    },
    async get(userId) {
      return (await db.select().from(users).where(eq(users.id, userId)))[0];
    },
    async count() {
      return (await db.select({ n: sql<number>`count(*)::int` }).from(users))[0].n;
    },
    async setPassword(userId, passwordHash, options = {}) {
      await db.transaction(async (tx) => {
        await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
        const kept = options.keepSession;
        await tx
          .delete(sessions)
          .where(and(eq(sessions.userId, userId), kept ? ne(sessions.idHash, kept) : undefined));
      });
    },
  };
}

export function membershipRepository(db: PgDb, now: Now): MembershipRepository {
  const cols = { tenantId: memberships.tenantId, userId: memberships.userId, role: memberships.role };
  return {
    async add(tenantId, userId, role: Role) {
      await db.insert(memberships).values({ tenantId, userId, role, createdAt: now() });
    },
    async get(tenantId, userId) {
      return (
        await db
          .select(cols)
          .from(memberships)
          .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)))
      )[0];
    },
    async listForUser(userId) {
      return db.select(cols).from(memberships).where(eq(memberships.userId, userId));
    },
    async listForTenant(tenantId) {
      return db.select(cols).from(memberships).where(eq(memberships.tenantId, tenantId));
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
 * person's sessions and tokens in this organisation end with the change. The organisation's row
 * is locked first, so two owners demoting each other at once cannot both succeed.
 */
async function changeMember(
  db: PgDb,
  tenantId: string,
  userId: string,
  role: Role | null,
): Promise<MemberChange> {
  return db.transaction(async (tx) => {
    await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, tenantId)).for('update');
    const member = and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId));
    const current = (await tx.select({ role: memberships.role }).from(memberships).where(member))[0];
    if (!current) return 'not-found';
    if (current.role === 'owner' && role !== 'owner') {
      const [owners] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(memberships)
        .where(and(eq(memberships.tenantId, tenantId), eq(memberships.role, 'owner')));
      if (owners.n <= 1) return 'last-owner';
    }
    if (role === null) {
      await tx
        .delete(notificationChoices)
        .where(and(eq(notificationChoices.tenantId, tenantId), eq(notificationChoices.userId, userId)));
      await tx.delete(memberships).where(member);
    } else await tx.update(memberships).set({ role }).where(member);
    await tx.delete(sessions).where(and(eq(sessions.tenantId, tenantId), eq(sessions.userId, userId)));
    await tx.delete(apiTokens).where(and(eq(apiTokens.tenantId, tenantId), eq(apiTokens.userId, userId)));
    return 'changed';
  });
}

export function sessionRepository(db: PgDb): SessionRepository {
  return {
    async create(session) {
      await db.insert(sessions).values(session);
    },
    async find(idHash, at) {
      const row = (await db.select().from(sessions).where(eq(sessions.idHash, idHash)))[0];
      return row && row.expiresAt > at ? row : undefined;
    },
    async delete(idHash) {
      await db.delete(sessions).where(eq(sessions.idHash, idHash));
    },
    async deleteExpired(at) {
      return (await db.delete(sessions).where(lt(sessions.expiresAt, at))).rowCount ?? 0;
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

export function tokenRepository(db: PgDb, now: Now): TokenRepository {
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
      await db.insert(apiTokens).values(row);
      return toToken(row);
    },
    async findBySecretHash(secretHash) {
      const row = (await db.select().from(apiTokens).where(eq(apiTokens.secretHash, secretHash)))[0];
      return row && toToken(row);
    },
    async list(tenantId) {
      return (
        await db.select().from(apiTokens).where(eq(apiTokens.tenantId, tenantId)).orderBy(apiTokens.createdAt)
      ).map(toToken);
    },
    async delete(tenantId, tokenId) {
      const res = await db
        .delete(apiTokens)
        .where(and(eq(apiTokens.tenantId, tenantId), eq(apiTokens.id, tokenId)));
      return (res.rowCount ?? 0) > 0;
    },
    async touch(tenantId, tokenId, at) {
      await db
        .update(apiTokens)
        .set({ lastUsedAt: at })
        .where(and(sameTenant(tenantId), eq(apiTokens.id, tokenId)));
    },
    async listOperator(userId) {
      return (
        await db.select().from(apiTokens).where(operatorTokens(userId)).orderBy(apiTokens.createdAt)
      ).map(toToken);
    },
    async deleteOperator(userId, tokenId) {
      const res = await db.delete(apiTokens).where(and(operatorTokens(userId), eq(apiTokens.id, tokenId)));
      return (res.rowCount ?? 0) > 0;
    },
  };
}
