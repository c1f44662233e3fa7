// Flows, drafts (optimistic locking by revision) and immutable versions on PostgreSQL
// (mirrors ../sqlite/flows.ts; where several instances can race, the database decides).
import { and, desc, eq, max } from 'drizzle-orm';
import { newId } from '../ids';
import {
  ConflictError,
  type Draft,
  type FlowRepository,
  type FlowVersion,
  type VersionRepository,
} from '../types';
import { isUniqueViolation, pgErrorCode, type PgDb } from './open';
import { flowDrafts, flows, flowVersions, numberBindings } from './schema';

type Now = () => number;

function toDraft(row: typeof flowDrafts.$inferSelect): Draft {
  return {
    flowId: row.flowId,
    document: JSON.parse(row.json) as unknown,
    revision: row.revision,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
  };
}

export function flowRepository(db: PgDb, now: Now): FlowRepository {
  const byId = (tenantId: string, flowId: string) => and(eq(flows.tenantId, tenantId), eq(flows.id, flowId));
  const draftWhere = (tenantId: string, flowId: string) =>
    and(eq(flowDrafts.tenantId, tenantId), eq(flowDrafts.flowId, flowId));
  return {
    async create(tenantId, input) {
      const at = now();
      const row = {
        id: newId('flw'),
        tenantId,
        slug: input.slug,
        name: input.name,
        createdAt: at,
        updatedAt: at,
      };
      try {
        await db.transaction(async (tx) => {
          await tx.insert(flows).values(row);
          await tx.insert(flowDrafts).values({
            flowId: row.id,
            tenantId,
            json: JSON.stringify(input.document),
            revision: 1,
            updatedAt: at,
            updatedBy: input.userId,
          });
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw new ConflictError('flow.slug-taken');
        throw e;
      }
      return row;
    },
    async get(tenantId, flowId) {
      return (await db.select().from(flows).where(byId(tenantId, flowId)))[0];
    },
    async findBySlug(tenantId, slug) {
      return (
        await db
          .select()
          .from(flows)
          .where(and(eq(flows.tenantId, tenantId), eq(flows.slug, slug)))
      )[0];
    },
    async list(tenantId) {
      return db.select().from(flows).where(eq(flows.tenantId, tenantId)).orderBy(flows.createdAt);
    },
    async delete(tenantId, flowId) {
      const bound = await db
        .select({ n: numberBindings.number })
        .from(numberBindings)
        .where(and(eq(numberBindings.tenantId, tenantId), eq(numberBindings.flowId, flowId)))
        .limit(1);
      if (bound.length > 0) throw new ConflictError('flow.bound-to-number');
      try {
        return ((await db.delete(flows).where(byId(tenantId, flowId))).rowCount ?? 0) > 0;
      } catch (e) {
        // A number bound in between (another instance): the foreign key refuses, same answer.
        if (pgErrorCode(e) === '23503') throw new ConflictError('flow.bound-to-number');
        throw e;
      }
    },
    async getDraft(tenantId, flowId) {
      const row = (await db.select().from(flowDrafts).where(draftWhere(tenantId, flowId)))[0];
      return row && toDraft(row);
    },
    async saveDraft(tenantId, flowId, input) {
      const at = now();
      return db.transaction(async (tx) => {
        // The revision check and the write are one statement: two instances cannot both win.
        const res = await tx
          .update(flowDrafts)
          .set({
            json: JSON.stringify(input.document),
            revision: input.expectedRevision + 1,
            updatedAt: at,
            updatedBy: input.userId,
          })
          .where(and(draftWhere(tenantId, flowId), eq(flowDrafts.revision, input.expectedRevision)));
        const current = (await tx.select().from(flowDrafts).where(draftWhere(tenantId, flowId)))[0];
        if (!current) throw new ConflictError('flow.missing');
        if ((res.rowCount ?? 0) === 0) return { conflict: toDraft(current) };
        await tx
          .update(flows)
          .set({ updatedAt: at, ...(input.name ? { name: input.name } : {}) })
          .where(byId(tenantId, flowId));
        return toDraft(current);
      });
    },
  };
}

export function versionRepository(db: PgDb, now: Now): VersionRepository {
  const cols = {
    flowId: flowVersions.flowId,
    number: flowVersions.number,
    contentHash: flowVersions.contentHash,
    message: flowVersions.message,
    authorId: flowVersions.authorId,
    createdAt: flowVersions.createdAt,
  };
  const ofFlow = (tenantId: string, flowId: string) =>
    and(eq(flowVersions.tenantId, tenantId), eq(flowVersions.flowId, flowId));
  return {
    async append(tenantId, flowId, input) {
      return db.transaction(async (tx) => {
        // Lock the flow row: concurrent publishes (any instance) number one after another.
        await tx
          .select({ id: flows.id })
          .from(flows)
          .where(and(eq(flows.tenantId, tenantId), eq(flows.id, flowId)))
          .for('update');
        const top = (
          await tx
            .select({ n: max(flowVersions.number) })
            .from(flowVersions)
            .where(ofFlow(tenantId, flowId))
        )[0];
        const row: FlowVersion = { flowId, number: (top?.n ?? 0) + 1, createdAt: now(), ...input };
        await tx.insert(flowVersions).values({ id: newId('ver'), tenantId, ...row });
        return row;
      });
    },
    async get(tenantId, flowId, number) {
      const row = (
        await db
          .select()
          .from(flowVersions)
          .where(and(ofFlow(tenantId, flowId), eq(flowVersions.number, number)))
      )[0];
      return row && strip(row);
    },
    async latest(tenantId, flowId) {
      const row = (
        await db
          .select()
          .from(flowVersions)
          .where(ofFlow(tenantId, flowId))
          .orderBy(desc(flowVersions.number))
          .limit(1)
      )[0];
      return row && strip(row);
    },
    async list(tenantId, flowId) {
      return db
        .select(cols)
        .from(flowVersions)
        .where(ofFlow(tenantId, flowId))
        .orderBy(desc(flowVersions.number));
    },
  };
}

function strip(row: typeof flowVersions.$inferSelect): FlowVersion {
  const { id: _id, tenantId: _t, ...rest } = row;
  return rest;
}
