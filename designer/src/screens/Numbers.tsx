// Phone-number bindings: which published call flow answers which of the organisation's numbers
// (the operator assigns the numbers; any other number is refused by the server).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type FlowSummary, type NumberBinding } from '../api';
import { NumberField } from './numbers/NumberField';
import { flowWithVersion, NumberList } from './numbers/NumberList';
import { FormError, useSubmit } from './useSubmit';

export function Numbers() {
  const { t } = useTranslation();
  const [numbers, setNumbers] = useState<NumberBinding[]>([]);
  const [assigned, setAssigned] = useState<string[]>([]);
  const [flows, setFlows] = useState<FlowSummary[]>([]);
  const [number, setNumber] = useState('');
  const [flowId, setFlowId] = useState('');
  const [loaded, setLoaded] = useState(false);
  const refresh = async () => {
    setNumbers(await api.listNumbers().catch(() => []));
    setAssigned(await api.assignedNumbers().catch(() => []));
    const f = await api.listFlows().catch(() => []);
    setFlows(f);
    // Keeps what the user already picked; only fills in a default. Only a published flow can
    // answer calls, so only those are offered.
    setFlowId((cur) => cur || f.find((x) => x.latestVersion !== null)?.id || '');
    setLoaded(true);
  };
  useEffect(() => {
    void refresh();
  }, []);
  const published = flows.filter((f) => f.latestVersion !== null);
  const nameOf = (id: string) => flows.find((x) => x.id === id)?.name ?? '';
  // Submitting before the choices arrive would send no flow at all; without a published flow
  // there is nothing a number could answer with, which the hint below says.
  const canBind = loaded && flowId !== '';
  const { onSubmit, error } = useSubmit(async () => {
    await api.bindNumber(number.trim(), flowId);
    setNumber('');
    await refresh();
  });
  return (
    <main className="numbers">
      <h1>{t('numbers.title')}</h1>
      <p className="muted">
        {assigned.length > 0
          ? t('numbers.assigned', { numbers: assigned.join(', ') })
          : t('numbers.noneAssigned')}
      </p>
      <NumberList
        numbers={numbers}
        none={t('numbers.none')}
        testIdPrefix="number"
        describe={(n) => flowWithVersion(nameOf(n.flowId), n.version)}
        actionLabel={t('numbers.unbind')}
        onAction={async (n) => {
          await api.unbindNumber(n.number).catch(() => undefined);
          await refresh();
        }}
      />
      <form onSubmit={onSubmit}>
        <NumberField
          id="number"
          label={t('numbers.number')}
          value={number}
          onChange={setNumber}
          suggestions={assigned}
        />
        <label htmlFor="number-flow">{t('numbers.flow')}</label>
        <select id="number-flow" value={flowId} onChange={(e) => setFlowId(e.target.value)}>
          {published.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </select>
        <button type="submit" disabled={!canBind}>
          {t('numbers.bind')}
        </button>
        {loaded && published.length === 0 && <p className="muted">{t('numbers.publishFirst')}</p>}
        <FormError error={error} />
      </form>
    </main>
  );
}
