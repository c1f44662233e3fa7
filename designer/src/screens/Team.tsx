// „Team“ (owner): the organisation's members with their roles — each role explained in one line —
// invite someone (the link appears once with a copy button, or goes by e-mail), change a role,
// remove someone after a confirmation, issue a reset link for someone only here, and require
// two-factor login for everyone. The server ends a changed or removed person's sessions at once.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiFailure, teamApi, type Invitation, type Member } from '../api';
import { useSession } from '../session';
import { CopyLink } from './CopyLink';

const ROLES: Member['role'][] = ['owner', 'editor', 'agent', 'auditor', 'viewer'];
const until = (at: number) => new Date(at).toLocaleString();

function RoleSelect(props: { id: string; value: Member['role']; onChange: (r: Member['role']) => void }) {
  const { t } = useTranslation();
  return (
    <select
      id={props.id}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value as Member['role'])}
    >
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {t(`team.roleNames.${r}`)}
        </option>
      ))}
    </select>
  );
}

function MemberRow({
  member,
  onChanged,
  onError,
}: {
  member: Member;
  onChanged: () => void;
  onError: (e: string) => void;
}) {
  const { t } = useTranslation();
  const me = useSession((s) => s.me);
  const [asking, setAsking] = useState(false);
  const [reset, setReset] = useState<Invitation | null>(null);
  const act = async (f: () => Promise<unknown>) => {
    try {
      await f();
      onChanged();
    } catch (err) {
      onError(err instanceof ApiFailure ? err.message : String(err));
    }
  };
  return (
    <li data-testid={`member-${member.email}`}>
      <strong>{member.name ?? member.email}</strong>{' '}
      {member.name && <span className="muted">{member.email}</span>}{' '}
      {me?.user.id === member.userId && <span className="muted">{t('team.you')}</span>}{' '}
      <label htmlFor={`role-${member.userId}`} className="sr-only">
        {t('team.roleOf', { email: member.email })}
      </label>
      <RoleSelect
        id={`role-${member.userId}`}
        value={member.role}
        onChange={(role) => void act(() => teamApi.changeRole(member.userId, role))}
      />{' '}
      <span className="muted">{member.twoFactor ? t('team.twoFactorOn') : t('team.twoFactorOff')}</span>{' '}
      {member.resettable ? (
        <button
          type="button"
          onClick={async () => {
            try {
              setReset(await teamApi.resetLink(member.userId));
            } catch (err) {
              onError(err instanceof ApiFailure ? err.message : String(err));
            }
          }}
        >
          {t('team.resetLink')}
        </button>
      ) : (
        <span className="muted">{t('team.resetNotHere')}</span>
      )}{' '}
      {asking ? (
        <span role="group">
          {t('team.confirmRemove', { email: member.email })}{' '}
          <button
            type="button"
            className="danger"
            onClick={() => void act(() => teamApi.remove(member.userId))}
          >
            {t('team.yes')}
          </button>
          <button type="button" onClick={() => setAsking(false)}>
            {t('team.cancel')}
          </button>
        </span>
      ) : (
        <button type="button" onClick={() => setAsking(true)}>
          {t('team.remove')}
        </button>
      )}
      {reset && (
        <CopyLink
          link={reset}
          label={t('team.resetLink')}
          hint={t('team.resetHint', { until: until(reset.expiresAt) })}
          emailed={t('team.resetEmailed')}
        />
      )}
    </li>
  );
}

export function Team() {
  const { t } = useTranslation();
  const [members, setMembers] = useState<Member[]>([]);
  const [required, setRequired] = useState(false);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Member['role']>('agent');
  const [invitation, setInvitation] = useState<Invitation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = async () => {
    const list = await teamApi.members();
    setMembers(list.members);
    setRequired(list.twoFactorRequired);
  };
  useEffect(() => {
    void refresh().catch((err: unknown) => setError(err instanceof ApiFailure ? err.message : String(err)));
  }, []);
  return (
    <main className="team">
      <h1>{t('team.title')}</h1>
      <p className="muted">{t('team.hint')}</p>
      <ul className="role-words">
        {ROLES.map((r) => (
          <li key={r}>{t(`team.roles.${r}`)}</li>
        ))}
      </ul>
      <ul className="members">
        {members.map((m) => (
          <MemberRow
            key={m.userId}
            member={m}
            onChanged={() => void refresh()}
            onError={(e) => setError(e)}
          />
        ))}
      </ul>
      <label>
        <input
          type="checkbox"
          checked={required}
          onChange={async (e) =>
            setRequired((await teamApi.requireTwoFactor(e.target.checked)).twoFactorRequired)
          }
        />{' '}
        {t('team.requireTwoFactor')}
      </label>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          try {
            setInvitation(await teamApi.invite(email.trim(), role));
            setError(null);
            setEmail('');
            await refresh();
          } catch (err) {
            setError(err instanceof ApiFailure ? err.message : String(err));
          }
        }}
      >
        <h2>{t('team.inviteTitle')}</h2>
        <label htmlFor="invite-email">{t('team.email')}</label>
        <input
          id="invite-email"
          type="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          required
        />
        <label htmlFor="invite-role">{t('team.role')}</label>
        <RoleSelect id="invite-role" value={role} onChange={setRole} />
        <button type="submit">{t('team.invite')}</button>
      </form>
      {invitation && (
        <CopyLink
          link={invitation}
          label={t('team.invitationLink')}
          hint={t('team.invitationHint', { until: until(invitation.expiresAt) })}
          emailed={t('team.invitationEmailed', { until: until(invitation.expiresAt) })}
        />
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </main>
  );
}
