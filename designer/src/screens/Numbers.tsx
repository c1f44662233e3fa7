// Phone-number bindings: which published call flow answers which number.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiFailure, type FlowSummary, type NumberBinding } from '../api';

export function Numbers() {
  const { t } = useTranslation();
  const [numbers, setNumbers] = useState<NumberBinding[]>([]);
  const [flows, setFlows] = useState<FlowSummary[]>([]);
  const [number, setNumber] = useState('');
  const [flowId, setFlowId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const refresh = async () => {
    setNumbers(await api.listNumbers().catch(() => []));
    const f = await api.listFlows().catch(() => []);
    setFlows(f);
    // Keeps what the user already picked; only fills in a default.
    setFlowId((cur) => cur || f[0]?.id || '');
  };
  useEffect(() => {
    void refresh();
  }, []);
  const nameOf = (id: string) => {
    const f = flows.find((x) => x.id === id);
    return f ? `${f.name} (${f.slug})` : id;
  };
  return (
    <main className="numbers">
      <h1>{t('numbers.title')}</h1>
      {numbers.length === 0 && <p className="muted">{t('numbers.none')}</p>}
      <ul>
        {numbers.map((n) => (
          <li key={n.number} data-testid={`number-${n.number}`}>
            <strong>{n.number}</strong> → {nameOf(n.flowId)} {n.version ? `(Version ${n.version})` : ''}
          </li>
        ))}
      </ul>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          try {
            await api.bindNumber(number.trim(), flowId);
            setError(null);
            setNumber('');
            await refresh();
          } catch (err) {
            setError(err instanceof ApiFailure ? err.message : String(err));
          }
        }}
      >
        <label htmlFor="number">{t('numbers.number')}</label>
        <input id="number" value={number} onChange={(e) => setNumber(e.target.value)} required />
        <label htmlFor="number-flow">{t('numbers.flow')}</label>
        <select id="number-flow" value={flowId} onChange={(e) => setFlowId(e.target.value)}>
          {flows.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name} ({f.slug})
            </option>
          ))}
        </select>
        <button type="submit">{t('numbers.bind')}</button>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </form>
    </main>
  );
}
