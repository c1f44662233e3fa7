// Changes to a person's account (password, second factor) concern every organisation they
// belong to: each gets the entry in its own audit, and the operator's trail gets it when the
// account is the operator's. Ids only — never a password, a code or a secret.
import type { ActorType, Store } from '../store/types';

export async function auditAccount(
  store: Pick<Store, 'memberships' | 'users' | 'audit' | 'operatorAudit'>,
  userId: string,
  action: string,
  actor: { type: ActorType; id: string | null } = { type: 'user', id: userId },
): Promise<void> {
  const [memberships, user] = await Promise.all([
    store.memberships.listForUser(userId),
    store.users.get(userId),
  ]);
  const event = { actorType: actor.type, actorId: actor.id, action, targetType: 'user', targetId: userId };
  await Promise.all(memberships.map((m) => store.audit.record(m.tenantId, event)));
  if (user?.isOperator) await store.operatorAudit.record({ ...event, tenantId: null });
}
