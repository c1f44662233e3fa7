// "Löschnachweise": the organisation's deletion receipts (ids, reason, time — never content)
// and a button that has the server verify the hash chain against its MAC'd head.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiFailure, type ChainVerdict, type DeletionReceipt } from '../api';
import { when } from '../i18n/when';

export function Receipts() {
  const { t, i18n } = useTranslation();
  const [receipts, setReceipts] = useState<DeletionReceipt[] | null>(null);
  const [verdict, setVerdict] = useState<ChainVerdict | null>(null);
  const [error, setError] = useState<string | null>(null);
  const failed = (e: unknown) =>
    setError(t('inbox.failed', { message: e instanceof ApiFailure ? e.message : String(e) }));
  useEffect(() => {
    api.listReceipts().then((r) => setReceipts(r.receipts), failed);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const verify = async () => {
    setVerdict(null);
    try {
      setVerdict(await api.verifyReceipts());
      setError(null);
    } catch (e) {
      failed(e);
    }
  };
  const problemText = (p: ChainVerdict['problems'][number]) =>
    i18n.exists(`receipts.problems.${p.code}`)
      ? t(`receipts.problems.${p.code}`, p)
      : t('receipts.problems.unknown', { code: p.code });

  return (
    <main className="receipts" data-testid="receipts">
      <h1>{t('receipts.title')}</h1>
      <p className="help">{t('receipts.intro')}</p>
      <button type="button" onClick={() => void verify()}>
        {t('receipts.verify')}
      </button>
      <div aria-live="polite" data-testid="chain-verdict">
        {verdict?.ok && <p className="ok">✓ {t('receipts.ok', { count: verdict.count })}</p>}
        {verdict && !verdict.ok && (
          <div role="alert" className="error">
            <p>{t('receipts.broken')}</p>
            <ul>
              {verdict.problems.map((p, i) => (
                <li key={i}>{problemText(p)}</li>
              ))}
            </ul>
          </div>
        )}
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {receipts && receipts.length === 0 && <p className="muted">{t('receipts.empty')}</p>}
      {receipts && receipts.length > 0 && (
        <table aria-label={t('receipts.title')}>
          <thead>
            <tr>
              <th scope="col">{t('receipts.seq')}</th>
              <th scope="col">{t('receipts.txId')}</th>
              <th scope="col">{t('receipts.reason')}</th>
              <th scope="col">{t('receipts.time')}</th>
              <th scope="col">{t('receipts.keyId')}</th>
            </tr>
          </thead>
          <tbody>
            {receipts.map((r) => (
              <tr key={r.receiptId} data-testid={`receipt-${r.txId}`}>
                <td>{r.seq}</td>
                <td>
                  <code>{r.txId}</code>
                </td>
                <td>{t(`receipts.reasons.${r.reason}`)}</td>
                <td>{when(r.deletedAt, i18n.language)}</td>
                <td>
                  <code>{r.keyId}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
