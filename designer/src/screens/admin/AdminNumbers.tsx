// The operator's phone numbers: assign one to an organisation, release it, and see which flow
// each answers (the organisation binds it to its flow itself).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi, ApiFailure, type AssignedNumber, type Organisation } from '../../api';

export function AdminNumbers() {
  const { t } = useTranslation();
  const [numbers, setNumbers] = useState<AssignedNumber[]>([]);
  const [organisations, setOrganisations] = useState<Organisation[]>([]);
  const [number, setNumber] = useState('');
  const [organisationId, setOrganisationId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const refresh = async () => {
    setNumbers(await adminApi.numbers().catch(() => []));
    const orgs = await adminApi.organisations().catch(() => []);
    setOrganisations(orgs);
    setOrganisationId((cur) => cur || orgs[0]?.id || '');
  };
  useEffect(() => {
    void refresh();
  }, []);
  return (
    <main className="numbers">
      <h1>{t('numbers.title')}</h1>
      {numbers.length === 0 && <p className="muted">{t('admin.noNumbers')}</p>}
      <ul>
        {numbers.map((n) => (
          <li key={n.number} data-testid={`assigned-${n.number}`}>
            <strong>{n.number}</strong> → {n.organisationName} ·{' '}
            {n.flowName ? `${n.flowName}${n.version ? ` (Version ${n.version})` : ''}` : t('admin.notBound')}{' '}
            <button
              type="button"
              onClick={async () => {
                await adminApi.releaseNumber(n.number);
                await refresh();
              }}
            >
              {t('admin.release')}
            </button>
          </li>
        ))}
      </ul>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          try {
            await adminApi.assignNumber(number.trim(), organisationId);
            setError(null);
            setNumber('');
            await refresh();
          } catch (err) {
            setError(err instanceof ApiFailure ? err.message : String(err));
          }
        }}
      >
        <label htmlFor="assign-number">{t('numbers.number')}</label>
        <input id="assign-number" value={number} onChange={(e) => setNumber(e.target.value)} required />
        <label htmlFor="assign-organisation">{t('admin.organisation')}</label>
        <select
          id="assign-organisation"
          value={organisationId}
          onChange={(e) => setOrganisationId(e.target.value)}
        >
          {organisations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
        <button type="submit">{t('admin.assign')}</button>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </form>
    </main>
  );
}
