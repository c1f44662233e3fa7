// Audit events on PostgreSQL: who did what to which object — ids only, never content.
import { and, desc, eq, lt } from 'drizzle-orm';
import { newId } from '../ids';
import type { AuditRepository } from '../types';
import type { PgDb } from './open';
import { auditEvents } from './schema';

export function auditRepository(db: PgDb, now: () => number): AuditRepository {
  return {
    async record(tenantId, event) {
      const row = { id: newId('aud'), at: now(), ...event };
      await db.insert(auditEvents).values({ ...row, tenantId });
      return row;
    },
    async list(tenantId, { limit, before }) {
      const scope =
        before === undefined
          ? eq(auditEvents.tenantId, tenantId)
          : and(eq(auditEvents.tenantId, tenantId), lt(auditEvents.at, before));
      return db
        .select({
          id: auditEvents.id,
          at: auditEvents.at,
          actorType: auditEvents.actorType,
          actorId: auditEvents.actorId,
          action: auditEvents.action,
          targetType: auditEvents.targetType,
          targetId: auditEvents.targetId,
        })
        .from(auditEvents)
        .where(scope)
        .orderBy(desc(auditEvents.at))
        .limit(limit);
    },
  };
}
