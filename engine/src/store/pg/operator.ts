// The operator's repositories on PostgreSQL (mirrors ../sqlite/operator.ts).
import { and, desc, eq, gt, lt } from 'drizzle-orm';
import { newId } from '../ids';
import type { InvitationRepository, NumberAdminRepository, OperatorAuditRepository } from '../types';
import type { PgDb } from './open';
import { invitations, numberAssignments, operatorAuditEvents } from './operator-schema';
import { numberBindings } from './schema';

type Now = () => number;

export function numberAdminRepository(db: PgDb, now: Now): NumberAdminRepository {
  return {
    async assign(number, tenantId) {
      const inserted = await db
        .insert(numberAssignments)
        .values({ number, tenantId, assignedAt: now() })
        .onConflictDoNothing()
        .returning({ number: numberAssignments.number });
      return inserted.length > 0 ? 'assigned' : 'taken';
    },
    async release(number) {
      return db.transaction(async (tx) => {
        // Locked for update first: a concurrent bind (share lock) waits, then finds no assignment.
        const [row] = await tx
          .select()
          .from(numberAssignments)
          .where(eq(numberAssignments.number, number))
          .for('update');
        if (!row) return undefined;
        await tx.delete(numberBindings).where(eq(numberBindings.number, number));
        await tx.delete(numberAssignments).where(eq(numberAssignments.number, number));
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
        .orderBy(numberAssignments.number);
    },
  };
}

export function invitationRepository(db: PgDb, now: Now): InvitationRepository {
  return {
    async create(input) {
      const row = { id: newId('inv'), createdAt: now(), ...input, email: input.email.toLowerCase() };
      await db.insert(invitations).values(row);
      const { tokenHash: _hash, ...invitation } = row;
      return invitation;
    },
    async find(tokenHash, at) {
      const [row] = await db
        .select()
        .from(invitations)
        .where(and(eq(invitations.tokenHash, tokenHash), gt(invitations.expiresAt, at)));
      if (!row) return undefined;
      const { tokenHash: _hash, ...invitation } = row;
      return invitation;
    },
    async take(tokenHash, at) {
      // One DELETE … RETURNING: of two instances accepting the same link, only one gets the row.
      const [taken] = await db
        .delete(invitations)
        .where(and(eq(invitations.tokenHash, tokenHash), gt(invitations.expiresAt, at)))
        .returning();
      if (!taken) return undefined;
      const { tokenHash: _hash, ...invitation } = taken;
      return invitation;
    },
  };
}

export function operatorAuditRepository(db: PgDb, now: Now): OperatorAuditRepository {
  return {
    async record(event) {
      const row = { id: newId('aud'), at: now(), ...event };
      await db.insert(operatorAuditEvents).values(row);
      return row;
    },
    async list({ limit, before }) {
      return db
        .select()
        .from(operatorAuditEvents)
        .where(before === undefined ? undefined : lt(operatorAuditEvents.at, before))
        .orderBy(desc(operatorAuditEvents.at), desc(operatorAuditEvents.id))
        .limit(limit);
    },
  };
}
