// The organisation switcher in the header: for someone in several organisations, a choice that
// opens a new session in the chosen one (the server checks the membership) and starts over there.
import { useTranslation } from 'react-i18next';
import { accountApi } from '../api';
import { useSession } from '../session';
import { enterApp } from './enter';

export function OrganisationSwitcher() {
  const { t } = useTranslation();
  const me = useSession((s) => s.me);
  if (!me || me.organisations.length < 2) return null;
  return (
    <label className="organisation-switcher">
      <span className="sr-only">{t('switcher.label')}</span>
      <select
        aria-label={t('switcher.label')}
        value={me.tenant?.id ?? ''}
        onChange={async (e) => enterApp(await accountApi.switchOrganisation(e.target.value))}
      >
        {!me.tenant && <option value="">—</option>}
        {me.organisations.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </label>
  );
}
