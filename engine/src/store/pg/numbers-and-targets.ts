// Phone-number bindings, handoff targets and incoming-call routing on PostgreSQL
// (mirrors ../sqlite/numbers-and-targets.ts).
import { and, desc, eq } from 'drizzle-orm';
import type {
  HandoffTargetRepository,
  NumberBinding,
  RoutingRepository,
  TenantNumberRepository,
} from '../types';
import type { PgDb } from './open';
import { numberAssignments } from './operator-schema';
import { flowVersions, handoffTargets, numberBindings } from './schema';

type Now = () => number;

export function numberRepository(db: PgDb, now: Now): TenantNumberRepository {
  return {
    async list(tenantId) {
      return db
        .select()
        .from(numberBindings)
        .where(eq(numberBindings.tenantId, tenantId))
        .orderBy(numberBindings.number);
    },
    async assigned(tenantId) {
      const rows = await db
        .select({ number: numberAssignments.number })
        .from(numberAssignments)
        .where(eq(numberAssignments.tenantId, tenantId))
        .orderBy(numberAssignments.number);
      return rows.map((r) => r.number);
    },
    async bind(tenantId, binding) {
      const row: NumberBinding = { ...binding, tenantId, updatedAt: now() };
      return db.transaction(async (tx) => {
        // The share lock on the own assignment holds off a concurrent release (which locks it for
        // update first), so no binding can outlive its number's assignment.
        const own = await tx
          .select({ number: numberAssignments.number })
          .from(numberAssignments)
          .where(and(eq(numberAssignments.number, binding.number), eq(numberAssignments.tenantId, tenantId)))
          .for('share');
        if (own.length === 0) return 'not-assigned' as const;
        await tx
          .insert(numberBindings)
          .values(row)
          .onConflictDoUpdate({
            target: numberBindings.number,
            set: { flowId: row.flowId, version: row.version, updatedAt: row.updatedAt },
          });
        return row;
      });
    },
    async unbind(tenantId, number) {
      const res = await db
        .delete(numberBindings)
        .where(and(eq(numberBindings.tenantId, tenantId), eq(numberBindings.number, number)));
      return (res.rowCount ?? 0) > 0;
    },
  };
}

export function handoffTargetRepository(db: PgDb, now: Now): HandoffTargetRepository {
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
        .orderBy(handoffTargets.id);
    },
    async upsert(tenantId, target) {
      await db
        .insert(handoffTargets)
        .values({ ...target, tenantId, createdAt: now() })
        .onConflictDoUpdate({
          target: [handoffTargets.tenantId, handoffTargets.id],
          set: { label: target.label, number: target.number, allowSpecial: target.allowSpecial },
        });
    },
  };
}

export function routingRepository(db: PgDb): RoutingRepository {
  return {
    async resolveNumber(e164) {
      const binding = (await db.select().from(numberBindings).where(eq(numberBindings.number, e164)))[0];
      if (!binding) return undefined;
      const scope = and(eq(flowVersions.tenantId, binding.tenantId), eq(flowVersions.flowId, binding.flowId));
      const row = (
        binding.version === null
          ? await db.select().from(flowVersions).where(scope).orderBy(desc(flowVersions.number)).limit(1)
          : await db
              .select()
              .from(flowVersions)
              .where(and(scope, eq(flowVersions.number, binding.version)))
      )[0];
      if (!row) return undefined;
      const { id: _id, tenantId: _t, ...version } = row;
      return { tenantId: binding.tenantId, flowId: binding.flowId, version };
    },
  };
}
