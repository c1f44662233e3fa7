// The list of call notes, one row each: when, which flow, who, the concern with its marks,
// the number to call back (a `tel:` link, only where the flow recorded one), open/done with
// the button that toggles it, and the link to the whole note.
import { useTranslation } from 'react-i18next';
import type { CallNote } from '../../api';
import { when } from '../../i18n/when';
import { hrefOf } from '../../routing/router';
import { CallLink } from './CallLink';
import { callbackNumberOf, nameOf } from './filter';
import { flagWord } from './words';

interface Props {
  notes: CallNote[];
  flowName(flowId: string): string;
  /** Absent: the reader may not mark notes done. */
  onToggleDone?(note: CallNote): void;
  /** "Done" deletes this note (memory only, or retention "immediate"): the button says so. */
  deletesOnDone(note: CallNote): boolean;
}

export function InboxTable({ notes, flowName, onToggleDone, deletesOnDone }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const toggleWord = (n: CallNote) =>
    n.status === 'done'
      ? t('inbox.reopen')
      : deletesOnDone(n)
        ? t('inbox.markDoneDeletes')
        : t('inbox.markDone');
  return (
    <table aria-label={t('inbox.list')}>
      <thead>
        <tr>
          <th scope="col">{t('inbox.time')}</th>
          <th scope="col">{t('inbox.flow')}</th>
          <th scope="col">{t('inbox.name')}</th>
          <th scope="col">{t('inbox.concern')}</th>
          <th scope="col">{t('inbox.callback')}</th>
          <th scope="col">{t('inbox.status')}</th>
          <th scope="col">
            <span className="sr-only">{t('inbox.open')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {notes.map((n) => {
          const name = nameOf(n);
          const number = callbackNumberOf(n);
          return (
            <tr key={n.txId} data-testid={`note-${n.txId}`} className={n.status}>
              <td className="nowrap">{when(n.createdAt, lang)}</td>
              <td>{flowName(n.flowId)}</td>
              <td>{name ?? <span className="muted">{t('inbox.unnamed')}</span>}</td>
              <td>
                {n.record.concern ?? ''}{' '}
                {n.record.priority === 'urgent' && <span className="badge urgent">{t('inbox.urgent')}</span>}
                {n.record.flags.map((f) => (
                  <span key={f} className="badge">
                    {flagWord(f, lang)}
                  </span>
                ))}
                {n.test && <span className="badge test">{t('inbox.test')}</span>}
                {!n.stored && (
                  <span className="badge memory" title={t('inbox.memoryOnlyHelp')}>
                    {t('inbox.memoryOnly')}
                  </span>
                )}
              </td>
              <td className="nowrap">
                {number ? <CallLink number={number} /> : <span className="muted">—</span>}
              </td>
              <td>
                <span className="status">{n.status === 'done' ? t('inbox.done') : t('inbox.new')}</span>
                {onToggleDone && (
                  <button
                    type="button"
                    className="toggle-done"
                    onClick={() => onToggleDone(n)}
                    aria-label={`${toggleWord(n)}: ${name ?? n.txId}`}
                  >
                    {n.status === 'done' ? '↺' : '✓'} {toggleWord(n)}
                  </button>
                )}
              </td>
              <td>
                <a
                  href={hrefOf({ name: 'inbox', note: n.txId })}
                  aria-label={`${t('inbox.open')}: ${name ?? n.txId}`}
                >
                  {t('inbox.open')}
                </a>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
