// The call note ("Gesprächsnotiz") of a test call as the business would read it — the same
// view the Posteingang shows — plus the raw JSON. Labels come from the flow being edited.
import { useTranslation } from 'react-i18next';
import type { CallRecord } from '../../../../engine/src/flow/record/schema';
import { NoteBody } from '../../screens/inbox/NoteBody';
import { useEditor } from '../../store/editor';

export function CallNote({ record }: { record: CallRecord }) {
  const { t } = useTranslation();
  const nodes = useEditor((s) => s.nodes);
  const labels: Record<string, string> = {};
  for (const n of nodes)
    if (n.data.node.kind === 'intake') for (const f of n.data.node.fields) labels[f.key] ??= f.label;
  return (
    <div className="record" data-testid="call-note">
      <h3>{t('chat.record')}</h3>
      <NoteBody record={record} labels={labels} />
      <details>
        <summary>JSON</summary>
        <pre>{JSON.stringify(record, null, 2)}</pre>
      </details>
    </div>
  );
}
