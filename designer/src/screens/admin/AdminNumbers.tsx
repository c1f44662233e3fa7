// The operator's phone numbers: assign one to an organisation, release it, and see which flow
// each answers (the organisation binds it to its flow itself).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi, type AssignedNumber, type Organisation } from '../../api';
import { NumberField } from '../numbers/NumberField';
import { flowWithVersion, NumberList } from '../numbers/NumberList';
import { FormError, useSubmit } from '../useSubmit';

export function AdminNumbers() {
  const { t } = useTranslation();
  const [numbers, setNumbers] = useState<AssignedNumber[]>([]);
  const [organisations, setOrganisations] = useState<Organisation[]>([]);
  const [number, setNumber] = useState('');
  const [organisationId, setOrganisationId] = useState('');
  const refresh = async () => {
    setNumbers(await adminApi.numbers().catch(() => []));
    const orgs = await adminApi.organisations().catch(() => []);
    setOrganisations(orgs);
    setOrganisationId((cur) => cur || orgs[0]?.id || '');
  };
  useEffect(() => {
    void refresh();
  }, []);
  const { onSubmit, error } = useSubmit(async () => {
    await adminApi.assignNumber(number.trim(), organisationId);
    setNumber('');
    await refresh();
  });
  return (
    <main className="numbers">
      <h1>{t('numbers.title')}</h1>
      <NumberList
        numbers={numbers}
        none={t('admin.noNumbers')}
        testIdPrefix="assigned"
        describe={(n) =>
          `${n.organisationName} · ${n.flowName ? flowWithVersion(n.flowName, n.version) : t('admin.notBound')}`
        }
        actionLabel={t('admin.release')}
        onAction={async (n) => {
          await adminApi.releaseNumber(n.number);
          await refresh();
        }}
      />
      <form onSubmit={onSubmit}>
        <NumberField id="assign-number" label={t('numbers.number')} value={number} onChange={setNumber} />
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
        <FormError error={error} />
      </form>
    </main>
  );
}
