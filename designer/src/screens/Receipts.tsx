// "Löschnachweise": the organisation's deletion receipts (ids, reason, time — never content), a
// button that has the server verify the hash chain against its MAC'd head, and "Kontrollpunkte":
// signed checkpoints to download and keep, and a check of the chain against kept ones.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiFailure, type ChainVerdict, type DeletionReceipt } from '../api';
import { download } from '../download';
import { when } from '../i18n/when';

type Problem = ChainVerdict['problems'][number];

function Problems({ problems }: { problems: Problem[] }) {
  const { t, i18n } = useTranslation();
  const text = (p: Problem) =>
    i18n.exists(`receipts.problems.${p.code}`)
      ? t(`receipts.problems.${p.code}`, p)
      : t('receipts.problems.unknown', { code: p.code });
  return (
    <ul>
      {problems.map((p, i) => (
        <li key={i}>{text(p)}</li>
      ))}
    </ul>
  );
}

/** The files' checkpoints: one per file as downloaded here, or a list of them. */
async function checkpointsOf(files: File[]): Promise<{ checkpoints: unknown[] } | { unreadable: string }> {
  const checkpoints: unknown[] = [];
  for (const file of files) {
    try {
      const parsed: unknown = JSON.parse(await file.text());
      checkpoints.push(...(Array.isArray(parsed) ? parsed : [parsed]));
    } catch {
      return { unreadable: file.name };
    }
  }
  return { checkpoints };
}

export function Receipts() {
  const { t, i18n } = useTranslation();
  const [receipts, setReceipts] = useState<DeletionReceipt[] | null>(null);
  const [verdict, setVerdict] = useState<ChainVerdict | null>(null);
  const [refused, setRefused] = useState<Problem[] | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const failed = (e: unknown) =>
    setError(t('inbox.failed', { message: e instanceof ApiFailure ? e.message : String(e) }));
  useEffect(() => {
    api.listReceipts().then((r) => setReceipts(r.receipts), failed);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const reset = () => {
    setVerdict(null);
    setRefused(null);
    setStatus(null);
    setError(null);
  };
  const verify = async (checkpoints?: unknown[]) => {
    reset();
    try {
      setVerdict(await api.verifyReceipts(checkpoints));
    } catch (e) {
      failed(e);
    }
  };
  const takeCheckpoint = async () => {
    reset();
    try {
      const cp = await api.takeCheckpoint();
      download(
        `kontrollpunkt-loeschnachweise-${cp.count}.json`,
        `${JSON.stringify(cp, null, 2)}\n`,
        'application/json',
      );
      setStatus(t('receipts.checkpoints.downloaded', { count: cp.count }));
    } catch (e) {
      if (e instanceof ApiFailure && e.code === 'chain_broken')
        setRefused((e.details as { problems?: Problem[] } | null)?.problems ?? []);
      else failed(e);
    }
  };
  const verifyWithFiles = async (files: File[]) => {
    if (files.length === 0) return;
    const read = await checkpointsOf(files);
    if ('unreadable' in read) {
      reset();
      setError(t('receipts.checkpoints.unreadable', { name: read.unreadable }));
    } else await verify(read.checkpoints);
  };

  return (
    <main className="receipts" data-testid="receipts">
      <h1>{t('receipts.title')}</h1>
      <p className="help">{t('receipts.intro')}</p>
      <button type="button" onClick={() => void verify()}>
        {t('receipts.verify')}
      </button>
      <section aria-labelledby="checkpoints-title" className="checkpoints">
        <h2 id="checkpoints-title">{t('receipts.checkpoints.title')}</h2>
        <p className="help" data-testid="checkpoints-why">
          {t('receipts.checkpoints.why')}
        </p>
        <button type="button" onClick={() => void takeCheckpoint()}>
          {t('receipts.checkpoints.download')}
        </button>{' '}
        <label>
          {t('receipts.checkpoints.verifyWith')}{' '}
          <input
            type="file"
            accept=".json,application/json"
            multiple
            onChange={(e) => void verifyWithFiles([...(e.currentTarget.files ?? [])])}
          />
        </label>
      </section>
      <div aria-live="polite" data-testid="chain-verdict">
        {status && <p className="ok">{status}</p>}
        {verdict?.ok && <p className="ok">✓ {t('receipts.ok', { count: verdict.count })}</p>}
        {verdict && verdict.checkpoints > 0 && (
          <p>{t('receipts.checkpoints.checked', { count: verdict.checkpoints })}</p>
        )}
        {verdict && !verdict.ok && (
          <div role="alert" className="error">
            <p>{t('receipts.broken')}</p>
            <Problems problems={verdict.problems} />
          </div>
        )}
        {refused && (
          <div role="alert" className="error">
            <p>{t('receipts.checkpoints.refused')}</p>
            <Problems problems={refused} />
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
