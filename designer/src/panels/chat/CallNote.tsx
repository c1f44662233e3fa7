// The call note ("Gesprächsnotiz") as the business would read it, plus the raw JSON.
import { useTranslation } from 'react-i18next';
import type { CallRecord } from '../../../../engine/src/flow/record/schema';
import { useEditor } from '../../store/editor';

export function CallNote({ record }: { record: CallRecord }) {
  const { t } = useTranslation();
  const labels = useEditor((s) => s.nodes);
  const labelOf = (key: string) => {
    for (const n of labels) if (n.data.node.kind === 'intake') for (const f of n.data.node.fields) if (f.key === key) return f.label;
    return key;
  };
  return (
    <div className="record" data-testid="call-note">
      <h3>{t('chat.record')}</h3>
      <dl>
        <dt>{t('note.priority')}</dt>
        <dd data-testid="note-priority">{record.priority === 'urgent' ? t('note.urgent') : t('note.normal')}</dd>
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
            <dd>
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
        {record.callback && (
          <>
            <dt>{t('note.callback')}</dt>
            <dd>{[record.callback.number, record.callback.preferredTime ?? record.callback.preferredTimeText].filter(Boolean).join(' · ') || '✓'}</dd>
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
      <details>
        <summary>JSON</summary>
        <pre>{JSON.stringify(record, null, 2)}</pre>
      </details>
    </div>
  );
}
