// Everything a call note holds, with the flow's own labels for the details. Shared by the
// Posteingang and the test call, so a test call shows exactly what the front desk will see.
import { useTranslation } from 'react-i18next';
import type { CallRecord } from '../../../../engine/src/flow/record/schema';

export function NoteBody({ record, labels }: { record: CallRecord; labels: Record<string, string> }) {
  const { t } = useTranslation();
  const labelOf = (key: string) => labels[key] ?? key;
  const callback = record.callback
    ? [record.callback.number, record.callback.preferredTime ?? record.callback.preferredTimeText]
        .filter(Boolean)
        .join(' · ') || '✓'
    : null;
  return (
    <dl className="note-body">
      <dt>{t('note.priority')}</dt>
      <dd data-testid="note-priority">
        {record.priority === 'urgent' ? t('note.urgent') : t('note.normal')}
      </dd>
      {record.flags.length > 0 && (
        <>
          <dt>{t('note.flags')}</dt>
          <dd data-testid="note-flags">{record.flags.join(', ')}</dd>
        </>
      )}
      <dt>{t('note.consent')}</dt>
      <dd>{t(`noteValues.${record.consent}`)}</dd>
      {Object.entries(record.fields).map(([key, v]) => (
        <div key={key} className="contents">
          <dt>{labelOf(key)}</dt>
          <dd data-testid={`note-field-${key}`}>
            {String(v.value)}
            {v.confirmed ? ' ✓' : ''}
          </dd>
        </div>
      ))}
      {record.missingFields.length > 0 && (
        <>
          <dt>{t('note.missing')}</dt>
          <dd>{record.missingFields.map(labelOf).join(', ')}</dd>
        </>
      )}
      {record.questions && record.questions.length > 0 && (
        <>
          <dt>{t('note.questions')}</dt>
          <dd data-testid="note-questions">
            <ul>
              {record.questions.map((q, i) => (
                <li key={i}>{q}</li>
              ))}
            </ul>
          </dd>
        </>
      )}
      {callback && (
        <>
          <dt>{t('note.callback')}</dt>
          <dd>{callback}</dd>
        </>
      )}
      {record.handoff && (
        <>
          <dt>{t('note.handoff')}</dt>
          <dd>
            {record.handoff.target}: {t(`noteValues.${record.handoff.outcome}`)}
          </dd>
        </>
      )}
      <dt>{t('note.outcome')}</dt>
      <dd>{t(`noteValues.${record.outcome}`)}</dd>
    </dl>
  );
}
