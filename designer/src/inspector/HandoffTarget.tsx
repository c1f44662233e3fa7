// The transfer target: chosen from the organisation's allow-list when the server provides one
// (caller speech can never choose it), typed as an id otherwise. A datalist offers both.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useSession } from '../session';
import { useEditor } from '../store/editor';

export function HandoffTarget(props: { label: string; value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const listId = useId();
  const allowList = useSession((s) => s.transferTargets);
  const used = useEditor(
    useShallow((s) => s.nodes.flatMap((n) => (n.data.node.kind === 'handoff' ? [n.data.node.target] : []))),
  );
  const known = allowList ?? [...new Set(used)].map((v) => ({ id: v, label: v }));
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {allowList ? (
        <select id={id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
          {!known.some((k) => k.id === props.value) && <option value={props.value}>{props.value}</option>}
          {known.map((k) => (
            <option key={k.id} value={k.id}>
              {k.label}
            </option>
          ))}
        </select>
      ) : (
        <>
          <input
            id={id}
            list={listId}
            value={props.value}
            placeholder={t('inspector.targetFree')}
            onChange={(e) => props.onChange(e.target.value)}
          />
          <datalist id={listId}>
            {known.map((k) => (
              <option key={k.id} value={k.id} />
            ))}
          </datalist>
        </>
      )}
    </div>
  );
}
