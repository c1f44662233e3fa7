// E-mails members who asked to hear about new call notes of a flow (all, or urgent only). The
// mail says that a note arrived, whether it is urgent, and for which organisation — nothing
// from the call (messages.ts). Test calls notify nobody. The recipient must still be a member
// who may read notes (a role change since opting in counts); the log names account ids only.
import { ROLE_PERMISSIONS } from '../auth/permissions';
import type { FinishedCall } from '../ports/record-sink';
import type { Store } from '../store/types';
import type { Mailer } from './mailer';
import { noteNotificationMail } from './messages';

/** The designer opens its inbox on this fragment (after logging in, as always). */
/** The designer's address of the inbox (designer/src/routing/routes.ts). */
export const INBOX_FRAGMENT = '/posteingang';

export interface NoteNotifierDeps {
  store: Pick<Store, 'notificationChoices' | 'users' | 'memberships' | 'tenants'>;
  mailer: Mailer;
  publicBaseUrl: string;
}

const mayReadNotes = (role: keyof typeof ROLE_PERMISSIONS) => ROLE_PERMISSIONS[role].includes('calls:read');

/** Sends the notifications for one arrived note (in the background; errors are the mailer's to log). */
export async function notifyNoteArrived(deps: NoteNotifierDeps, call: FinishedCall): Promise<number> {
  if (call.record.test) return 0;
  const { store } = deps;
  const urgent = call.record.priority === 'urgent';
  const choices = await store.notificationChoices.recipients(call.tenantId, call.flowId);
  const wanted = choices.filter((c) => c.level === 'all' || urgent);
  if (wanted.length === 0) return 0;
  const tenant = await store.tenants.get(call.tenantId);
  if (!tenant || tenant.status !== 'active') return 0;
  let sent = 0;
  for (const choice of wanted) {
    const [member, user] = await Promise.all([
      store.memberships.get(call.tenantId, choice.userId),
      store.users.get(choice.userId),
    ]);
    if (!member || !user || !mayReadNotes(member.role)) continue;
    deps.mailer.send(
      noteNotificationMail({
        to: user.email,
        organisation: tenant.name,
        urgent,
        inboxUrl: `${deps.publicBaseUrl}/#${INBOX_FRAGMENT}`,
      }),
      { event: 'mail.note', userId: user.id, tenantId: call.tenantId },
    );
    sent += 1;
  }
  return sent;
}
