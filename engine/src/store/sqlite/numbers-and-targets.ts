// Phone-number bindings, handoff targets (the transfer allow-list) and incoming-call routing.
import { and, desc, eq } from 'drizzle-orm';
import type { HandoffTargetRepository, RoutingRepository, TenantNumberRepository } from '../types';
import { numberAssignments } from './operator-schema';
import type { SqliteDb } from './open';
import { flowVersions, handoffTargets, numberBindings } from './schema';

type Now = () => number;

export function numberRepository(db: SqliteDb, now: Now): TenantNumberRepository {
  return {
    async list(tenantId) {
      return db
        .select()
        .from(numberBindings)
        .where(eq(numberBindings.tenantId, tenantId))
        .orderBy(numberBindings.number)
        .all();
    },
    async assigned(tenantId) {
      return db
        .select({ number: numberAssignments.number })
        .from(numberAssignments)
        .where(eq(numberAssignments.tenantId, tenantId))
        .orderBy(numberAssignments.number)
        .all()
        .map((r) => r.number);
    },
    async bind(tenantId, binding) {
      return db.transaction((tx) => {
        const own = tx
          .select()
          .from(numberAssignments)
          .where(and(eq(numberAssignments.number, binding.number), eq(numberAssignments.tenantId, tenantId)))
          .get();
        if (!own) return 'not-assigned' as const;
        const row = { ...binding, tenantId, updatedAt: now() };
        tx.insert(numberBindings)
          .values(row)
          .onConflictDoUpdate({
            target: numberBindings.number,
            set: { flowId: row.flowId, version: row.version, updatedAt: row.updatedAt },
          })
          .run();
        return row;
      });
    },
    async unbind(tenantId, number) {
      return (
        db
          .delete(numberBindings)
          .where(and(eq(numberBindings.tenantId, tenantId), eq(numberBindings.number, number)))
          .run().changes > 0
      );
    },
  };
}

export function handoffTargetRepository(db: SqliteDb, now: Now): HandoffTargetRepository {
  return {
    async list(tenantId) {
      return db
        .select({
          id: handoffTargets.id,
          label: handoffTargets.label,
          number: handoffTargets.number,
          allowSpecial: handoffTargets.allowSpecial,
        })
        .from(handoffTargets)
        .where(eq(handoffTargets.tenantId, tenantId))
        .orderBy(handoffTargets.id)
        .all();
    },
    async upsert(tenantId, target) {
      db.insert(handoffTargets)
        .values({ ...target, tenantId, createdAt: now() })
        .onConflictDoUpdate({
          target: [handoffTargets.tenantId, handoffTargets.id],
          set: { label: target.label, number: target.number, allowSpecial: target.allowSpecial },
        })
        .run();
    },
  };
}

export function routingRepository(db: SqliteDb): RoutingRepository {
  return {
    async resolveNumber(e164) {
      const binding = db.select().from(numberBindings).where(eq(numberBindings.number, e164)).get();
      if (!binding) return undefined;
      const scope = and(eq(flowVersions.tenantId, binding.tenantId), eq(flowVersions.flowId, binding.flowId));
      const row =
        binding.version === null
          ? db.select().from(flowVersions).where(scope).orderBy(desc(flowVersions.number)).limit(1).get()
          : db
              .select()
              .from(flowVersions)
              .where(and(scope, eq(flowVersions.number, binding.version)))
              .get();
      if (!row) return undefined;
      const { id: _id, tenantId: _t, ...version } = row;
      return { tenantId: binding.tenantId, flowId: binding.flowId, version };
    },
  };
}
