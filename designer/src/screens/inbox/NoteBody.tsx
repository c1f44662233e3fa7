// Everything a call note holds, with the flow's own labels for the details. Shared by the
// Posteingang and the test call, so a test call shows exactly what the front desk will see.
// Dates and times in the UI's language, codes in words, phone numbers as click-to-call links.
import { useTranslation } from 'react-i18next';
import type { CallRecord } from '../../../../engine/src/flow/record/schema';
import { detailText, namedMoment } from '../../i18n/when';
import { CallLink, isPhoneNumber } from './CallLink';
import { flagWord, valueWord } from './words';

export function NoteBody({ record, labels }: { record: CallRecord; labels: Record<string, string> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const labelOf = (key: string) => labels[key] ?? key;
  const callback = record.callback;
  const callbackTime = callback?.preferredTime
    ? namedMoment(callback.preferredTime, lang)
    : callback?.preferredTimeText;
  return (
    <dl className="note-body">
      <dt>{t('note.priority')}</dt>
      <dd data-testid="note-priority">
        {record.priority === 'urgent' ? t('note.urgent') : t('note.normal')}
      </dd>
      {record.flags.length > 0 && (
        <>
          <dt>{t('note.flags')}</dt>
          <dd data-testid="note-flags">{record.flags.map((f) => flagWord(f, lang)).join(', ')}</dd>
        </>
      )}
      <dt>{t('note.consent')}</dt>
      <dd>{valueWord(record.consent, lang)}</dd>
      {Object.entries(record.fields).map(([key, v]) => (
        <div key={key} className="contents">
          <dt>{labelOf(key)}</dt>
          <dd data-testid={`note-field-${key}`}>
            {isPhoneNumber(v.value) ? (
              <CallLink number={v.value} />
            ) : (
              detailText(v.value, lang, [t('note.yes'), t('note.no')])
            )}
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
          <dd data-testid="note-callback">
            {callback.number && <CallLink number={callback.number} />}
            {callback.number && callbackTime && ' · '}
            {callbackTime}
            {!callback.number && !callbackTime && '✓'}
          </dd>
        </>
      )}
      {record.handoff && (
        <>
          <dt>{t('note.handoff')}</dt>
          <dd>
            {record.handoff.target}: {valueWord(record.handoff.outcome, lang)}
          </dd>
        </>
      )}
      <dt>{t('note.outcome')}</dt>
      <dd>{valueWord(record.outcome, lang)}</dd>
    </dl>
  );
}
