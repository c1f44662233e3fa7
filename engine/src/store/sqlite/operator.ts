// The operator's repositories on SQLite: number assignments, invitations and the operator audit.
import { and, desc, eq, gt, lt } from 'drizzle-orm';
import { newId } from '../ids';
import type { InvitationRepository, NumberAdminRepository, OperatorAuditRepository } from '../types';
import type { SqliteDb } from './open';
import { invitations, numberAssignments, operatorAuditEvents } from './operator-schema';
import { numberBindings } from './schema';

type Now = () => number;

export function numberAdminRepository(db: SqliteDb, now: Now): NumberAdminRepository {
  return {
    async assign(number, tenantId) {
      const inserted = db
        .insert(numberAssignments)
        .values({ number, tenantId, assignedAt: now() })
        .onConflictDoNothing()
        .run().changes;
      return inserted > 0 ? 'assigned' : 'taken';
    },
    async release(number) {
      return db.transaction((tx) => {
        const row = tx.select().from(numberAssignments).where(eq(numberAssignments.number, number)).get();
        if (!row) return undefined;
        tx.delete(numberBindings).where(eq(numberBindings.number, number)).run();
        tx.delete(numberAssignments).where(eq(numberAssignments.number, number)).run();
        return row.tenantId;
      });
    },
    async assignments() {
      return db
        .select({
          number: numberAssignments.number,
          tenantId: numberAssignments.tenantId,
          assignedAt: numberAssignments.assignedAt,
          flowId: numberBindings.flowId,
          version: numberBindings.version,
        })
        .from(numberAssignments)
        .leftJoin(numberBindings, eq(numberBindings.number, numberAssignments.number))
        .orderBy(numberAssignments.number)
        .all();
    },
  };
}

export function invitationRepository(db: SqliteDb, now: Now): InvitationRepository {
  return {
    async create(input) {
      const row = { id: newId('inv'), createdAt: now(), ...input, email: input.email.toLowerCase() };
      db.insert(invitations).values(row).run();
      const { tokenHash: _hash, ...invitation } = row;
      return invitation;
    },
    async find(tokenHash, at) {
      const row = db
        .select()
        .from(invitations)
        .where(and(eq(invitations.tokenHash, tokenHash), gt(invitations.expiresAt, at)))
        .get();
      if (!row) return undefined;
      const { tokenHash: _hash, ...invitation } = row;
      return invitation;
    },
    async take(tokenHash, at) {
      const taken = db
        .delete(invitations)
        .where(and(eq(invitations.tokenHash, tokenHash), gt(invitations.expiresAt, at)))
        .returning()
        .get();
      if (!taken) return undefined;
      const { tokenHash: _hash, ...invitation } = taken;
      return invitation;
    },
  };
}

export function operatorAuditRepository(db: SqliteDb, now: Now): OperatorAuditRepository {
  return {
    async record(event) {
      const row = { id: newId('aud'), at: now(), ...event };
      db.insert(operatorAuditEvents).values(row).run();
      return row;
    },
    async list({ limit, before }) {
      return db
        .select()
        .from(operatorAuditEvents)
        .where(before === undefined ? undefined : lt(operatorAuditEvents.at, before))
        .orderBy(desc(operatorAuditEvents.at), desc(operatorAuditEvents.id))
        .limit(limit)
        .all();
    },
  };
}
