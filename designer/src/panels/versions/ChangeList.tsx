// A list of semantic changes in plain words; a change of one step selects that step on the canvas.
import { useTranslation } from 'react-i18next';
import type { FlowChange } from '../../../../engine/src/flow/diff/index';
import { useEditor } from '../../store/editor';

export function ChangeList({ changes, testId }: { changes: readonly FlowChange[]; testId?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  if (changes.length === 0) return <p className="muted">{t('versions.noChanges')}</p>;
  return (
    <ul className="change-list" data-testid={testId}>
      {changes.map((c, i) => (
        <li key={i} className={c.kind}>
          {c.nodeId && useEditor.getState().nodes.some((n) => n.id === c.nodeId) ? (
            <button
              type="button"
              className="link"
              onClick={() => useEditor.getState().select(c.nodeId!, { centre: true })}
            >
              {c.message[lang]}
            </button>
          ) : (
            c.message[lang]
          )}
        </li>
      ))}
    </ul>
  );
}
