// The organisation's transfer targets (owner): the only numbers a handoff step may ring. A new
// practice starts with none, so its owner adds them here before publishing a flow that transfers.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type TransferTarget } from '../api';
import { useSession } from '../session';
import { NumberField } from './numbers/NumberField';
import { FormError, useSubmit } from './useSubmit';

export function Targets() {
  const { t } = useTranslation();
  const [targets, setTargets] = useState<TransferTarget[]>([]);
  const [id, setId] = useState('');
  const [label, setLabel] = useState('');
  const [number, setNumber] = useState('');
  const refresh = async () => {
    const list = await api.transferTargets();
    setTargets(list ?? []);
    // The live check and the inspector read the allow-list from the session.
    useSession.getState().set({ transferTargets: list });
  };
  useEffect(() => {
    void refresh();
  }, []);
  const { onSubmit, error } = useSubmit(async () => {
    await api.addTransferTarget({ id: id.trim(), label: label.trim(), number: number.trim() });
    setId('');
    setLabel('');
    setNumber('');
    await refresh();
  });
  return (
    <main className="numbers">
      <h1>{t('targets.title')}</h1>
      <p className="muted">{t('targets.hint')}</p>
      {targets.length === 0 && <p className="muted">{t('targets.none')}</p>}
      <ul>
        {targets.map((x) => (
          <li key={x.id} data-testid={`target-${x.id}`}>
            <strong>{x.label}</strong> ({x.id}) {x.number}
          </li>
        ))}
      </ul>
      <form onSubmit={onSubmit}>
        <label htmlFor="target-id">{t('targets.id')}</label>
        <input id="target-id" value={id} onChange={(e) => setId(e.target.value)} required />
        <label htmlFor="target-label">{t('targets.label')}</label>
        <input id="target-label" value={label} onChange={(e) => setLabel(e.target.value)} required />
        <NumberField id="target-number" label={t('targets.number')} value={number} onChange={setNumber} />
        <button type="submit">{t('targets.add')}</button>
        <FormError error={error} />
      </form>
    </main>
  );
}
