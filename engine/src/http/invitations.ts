// Invitations into an organisation: a one-time link (72 h) bound to one e-mail address. The
// token travels only in the link's fragment (`/#einladung=…`), which browsers never send to a
// server, and is stored only as its hash. The operator's invitation of a new organisation's first
// owner uses it, and so does an owner's invitation of colleagues. With e-mail configured the link
// goes only by e-mail to the invited address; without, it is shown to whoever invited.
import { hashPassword, verifyPassword } from '../auth/passwords';
import { newSecret, sha256Hex } from '../auth/secrets';
import type { Role } from '../store/types';
import type { AppDeps } from './deps';
import { ApiError } from './errors';
import { invitationMail } from '../mail/messages';
import { assertNewPassword } from './password-resets';

export const INVITATION_TTL_MS = 72 * 60 * 60 * 1000;
/** The designer reads this fragment parameter and shows the acceptance page. */
export const INVITATION_FRAGMENT = 'einladung';

type Deps = Pick<AppDeps, 'store' | 'now' | 'config'>;

export interface IssuedInvitation {
  /** null: the link went by e-mail to the invited address only. */
  url: string | null;
  expiresAt: number;
  emailed: boolean;
}

export async function issueInvitation(
  deps: Deps & Pick<AppDeps, 'mailer'>,
  input: { tenantId: string; email: string; role: Role; createdBy: string | null },
): Promise<IssuedInvitation> {
  const token = newSecret();
  const expiresAt = deps.now() + INVITATION_TTL_MS;
  await deps.store.invitations.create({ ...input, tokenHash: sha256Hex(token), expiresAt });
  const url = `${deps.config.publicBaseUrl}/#${INVITATION_FRAGMENT}=${token}`;
  const tenant = deps.mailer ? await deps.store.tenants.get(input.tenantId) : undefined;
  if (!deps.mailer || !tenant) return { url, expiresAt, emailed: false };
  deps.mailer.send(
    invitationMail({ to: input.email, organisation: tenant.name, role: input.role, url, expiresAt }),
    { event: 'mail.invitation', tenantId: input.tenantId },
  );
  return { url: null, expiresAt, emailed: true };
}

const unusable = () =>
  new ApiError(
    404,
    'invitation.invalid',
    'This invitation is unknown, used or expired / Diese Einladung ist unbekannt, benutzt oder abgelaufen',
  );

/**
 * Accepts an invitation: a new account gets the chosen password and name; an existing account
 * (someone already in another organisation) must prove it with its own password, which stays as
 * it is. The invitation is consumed only once the password is settled, so a wrong password does
 * not burn the link, and two simultaneous acceptances cannot both succeed.
 */
export async function acceptInvitation(
  deps: Deps,
  input: { token: string; password: string; name: string },
): Promise<{ tenantId: string; userId: string; role: Role }> {
  const { store } = deps;
  const tokenHash = sha256Hex(input.token);
  const pending = await store.invitations.find(tokenHash, deps.now());
  if (!pending) throw unusable();
  const existing = await store.users.findByEmail(pending.email);
  if (existing && !(await verifyPassword(existing.passwordHash, input.password))) {
    throw new ApiError(
      401,
      'invalid_credentials',
      'This e-mail already has an account: enter its password / Für diese E-Mail gibt es schon ein Konto: bitte dessen Passwort eingeben',
    );
  }
  if (!existing) assertNewPassword(input.password);
  const passwordHash = existing ? undefined : await hashPassword(input.password);
  const invitation = await store.invitations.take(tokenHash, deps.now());
  if (!invitation) throw unusable();
  const user = existing ?? (await store.users.create(invitation.email, passwordHash!, { name: input.name }));
  if (!(await store.memberships.get(invitation.tenantId, user.id)))
    await store.memberships.add(invitation.tenantId, user.id, invitation.role);
  await store.audit.record(invitation.tenantId, {
    actorType: 'user',
    actorId: user.id,
    action: 'invitation.accept',
    targetType: 'user',
    targetId: user.id,
  });
  // The operator invited this organisation's owner: its trail shows that the owner has joined.
  const inviter = invitation.createdBy ? await store.users.get(invitation.createdBy) : undefined;
  if (inviter?.isOperator)
    await store.operatorAudit.record({
      actorType: 'user',
      actorId: user.id,
      action: 'invitation.accept',
      targetType: 'organisation',
      targetId: invitation.tenantId,
      tenantId: invitation.tenantId,
    });
  return { tenantId: invitation.tenantId, userId: user.id, role: invitation.role };
}
