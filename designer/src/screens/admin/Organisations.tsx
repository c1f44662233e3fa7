// The operator's organisations: create one (its owner's invitation link appears once, with a copy
// button), suspend or resume, delete after a confirmation that names what goes.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi, ApiFailure, type Invitation, type Organisation } from '../../api';
import { CopyLink } from '../CopyLink';

function InvitationLink({ invitation }: { invitation: Invitation }) {
  const { t } = useTranslation();
  const until = new Date(invitation.expiresAt).toLocaleString();
  return (
    <CopyLink
      link={invitation}
      label={t('team.invitationLink')}
      hint={t('admin.invitationHint', { until })}
      emailed={t('team.invitationEmailed', { until })}
    />
  );
}

function DeleteButton({ organisation, onDeleted }: { organisation: Organisation; onDeleted: () => void }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <button type="button" className="danger" onClick={() => setAsking(true)}>
        {t('admin.delete')}
      </button>
    );
  return (
    <div
      role="alertdialog"
      aria-label={t('admin.deleteTitle', { name: organisation.name })}
      className="confirm"
    >
      <p>
        {t('admin.deleteWhat', {
          name: organisation.name,
          flows: t('admin.flows', { count: organisation.flows }),
          members: t('admin.members', { count: organisation.members }),
          numbers: organisation.numbers.length ? organisation.numbers.join(', ') : '–',
        })}
      </p>
      <button
        type="button"
        className="danger"
        onClick={async () => {
          await adminApi.deleteOrganisation(organisation.id);
          onDeleted();
        }}
      >
        {t('admin.deleteConfirm', { name: organisation.name })}
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        {t('admin.cancel')}
      </button>
    </div>
  );
}

export function Organisations() {
  const { t } = useTranslation();
  const [organisations, setOrganisations] = useState<Organisation[]>([]);
  const [name, setName] = useState('');
  const [ownerEmail, setOwnerEmail] = useState('');
  const [invitation, setInvitation] = useState<Invitation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = async () => setOrganisations(await adminApi.organisations().catch(() => []));
  useEffect(() => {
    void refresh();
  }, []);
  return (
    <main className="organisations">
      <h1>{t('admin.organisationsTitle')}</h1>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          try {
            const created = await adminApi.createOrganisation(name.trim(), ownerEmail.trim());
            setInvitation(created.invitation);
            setError(null);
            setName('');
            setOwnerEmail('');
            await refresh();
          } catch (err) {
            setError(err instanceof ApiFailure ? err.message : String(err));
          }
        }}
      >
        <label htmlFor="organisation-name">{t('admin.name')}</label>
        <input id="organisation-name" value={name} onChange={(e) => setName(e.target.value)} required />
        <label htmlFor="organisation-owner">{t('admin.ownerEmail')}</label>
        <input
          id="organisation-owner"
          type="email"
          value={ownerEmail}
          onChange={(e) => setOwnerEmail(e.target.value)}
          required
        />
        <button type="submit">{t('admin.create')}</button>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </form>
      {invitation && <InvitationLink invitation={invitation} />}
      <ul>
        {organisations.map((o) => (
          <li key={o.id} data-testid={`organisation-${o.name}`}>
            <strong>{o.name}</strong>{' '}
            <span className={o.status === 'active' ? 'muted' : 'warning'}>
              {t(`admin.status.${o.status}`)}
            </span>{' '}
            <span className="muted">
              {t('admin.size', {
                members: t('admin.members', { count: o.members }),
                flows: t('admin.flows', { count: o.flows }),
              })}
              {o.numbers.length > 0 && ` · ${o.numbers.join(', ')}`}
            </span>{' '}
            <button
              type="button"
              onClick={async () => {
                await adminApi.setStatus(o.id, o.status === 'active' ? 'suspend' : 'resume');
                await refresh();
              }}
            >
              {o.status === 'active' ? t('admin.suspend') : t('admin.resume')}
            </button>
            <DeleteButton organisation={o} onDeleted={() => void refresh()} />
          </li>
        ))}
      </ul>
    </main>
  );
}
