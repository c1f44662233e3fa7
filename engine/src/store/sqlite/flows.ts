// Flows, their drafts (optimistic locking by revision) and immutable versions on SQLite.
import { and, desc, eq, max } from 'drizzle-orm';
import { newId } from '../ids';
import {
  ConflictError,
  type Draft,
  type FlowRepository,
  type FlowVersion,
  type VersionRepository,
} from '../types';
import type { SqliteDb } from './open';
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

const isUniqueViolation = (e: unknown): boolean =>
  e instanceof Error && 'code' in e && String((e as { code: unknown }).code).startsWith('SQLITE_CONSTRAINT');

export function flowRepository(db: SqliteDb, now: Now): FlowRepository {
  const byId = (tenantId: string, flowId: string) => and(eq(flows.tenantId, tenantId), eq(flows.id, flowId));
  const draftOf = (tenantId: string, flowId: string) =>
    db
      .select()
      .from(flowDrafts)
      .where(and(eq(flowDrafts.tenantId, tenantId), eq(flowDrafts.flowId, flowId)))
      .get();
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
        db.transaction((tx) => {
          tx.insert(flows).values(row).run();
          tx.insert(flowDrafts)
            .values({
              flowId: row.id,
              tenantId,
              json: JSON.stringify(input.document),
              revision: 1,
              updatedAt: at,
              updatedBy: input.userId,
            })
            .run();
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw new ConflictError('flow.slug-taken');
        throw e;
      }
      return row;
    },
    async get(tenantId, flowId) {
      return db.select().from(flows).where(byId(tenantId, flowId)).get();
    },
    async findBySlug(tenantId, slug) {
      return db
        .select()
        .from(flows)
        .where(and(eq(flows.tenantId, tenantId), eq(flows.slug, slug)))
        .get();
    },
    async list(tenantId) {
      return db.select().from(flows).where(eq(flows.tenantId, tenantId)).orderBy(flows.createdAt).all();
    },
    async delete(tenantId, flowId) {
      const bound = db
        .select()
        .from(numberBindings)
        .where(and(eq(numberBindings.tenantId, tenantId), eq(numberBindings.flowId, flowId)))
        .get();
      if (bound) throw new ConflictError('flow.bound-to-number');
      return db.delete(flows).where(byId(tenantId, flowId)).run().changes > 0;
    },
    async getDraft(tenantId, flowId) {
      const row = draftOf(tenantId, flowId);
      return row && toDraft(row);
    },
    async saveDraft(tenantId, flowId, input) {
      const at = now();
      return db.transaction((tx) => {
        const res = tx
          .update(flowDrafts)
          .set({
            json: JSON.stringify(input.document),
            revision: input.expectedRevision + 1,
            updatedAt: at,
            updatedBy: input.userId,
          })
          .where(
            and(
              eq(flowDrafts.tenantId, tenantId),
              eq(flowDrafts.flowId, flowId),
              eq(flowDrafts.revision, input.expectedRevision),
            ),
          )
          .run();
        const current = tx
          .select()
          .from(flowDrafts)
          .where(and(eq(flowDrafts.tenantId, tenantId), eq(flowDrafts.flowId, flowId)))
          .get();
        if (!current) throw new ConflictError('flow.missing');
        if (res.changes === 0) return { conflict: toDraft(current) };
        tx.update(flows)
          .set({ updatedAt: at, ...(input.name ? { name: input.name } : {}) })
          .where(byId(tenantId, flowId))
          .run();
        return toDraft(current);
      });
    },
  };
}

export function versionRepository(db: SqliteDb, now: Now): VersionRepository {
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
      return db.transaction((tx) => {
        const top = tx
          .select({ n: max(flowVersions.number) })
          .from(flowVersions)
          .where(ofFlow(tenantId, flowId))
          .get();
        const row: FlowVersion = { flowId, number: (top?.n ?? 0) + 1, createdAt: now(), ...input };
        tx.insert(flowVersions)
          .values({ id: newId('ver'), tenantId, ...row })
          .run();
        return row;
      });
    },
    async get(tenantId, flowId, number) {
      const row = db
        .select()
        .from(flowVersions)
        .where(and(ofFlow(tenantId, flowId), eq(flowVersions.number, number)))
        .get();
      return row && strip(row);
    },
    async latest(tenantId, flowId) {
      const row = db
        .select()
        .from(flowVersions)
        .where(ofFlow(tenantId, flowId))
        .orderBy(desc(flowVersions.number))
        .limit(1)
        .get();
      return row && strip(row);
    },
    async list(tenantId, flowId) {
      return db
        .select(cols)
        .from(flowVersions)
        .where(ofFlow(tenantId, flowId))
        .orderBy(desc(flowVersions.number))
        .all();
    },
  };
}

function strip(row: typeof flowVersions.$inferSelect): FlowVersion {
  const { id: _id, tenantId: _t, ...rest } = row;
  return rest;
}
