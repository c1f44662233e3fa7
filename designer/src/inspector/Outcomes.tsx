// The step's exits with a "continue with" choice each: the keyboard-and-screen-reader way to do
// what dragging a line on the canvas does (and a quick one for everybody).
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { edgeId } from '../graph/convert';
import { definitionOf } from '../nodes/registry';
import { stepNames } from '../nodes/stepNames';
import { pick, type FlowNode, type Lang } from '../nodes/types';
import { useEditor } from '../store/editor';
import { openConnectDialog } from '../canvas/ConnectDialog';
import { Select } from './controls';

export function Outcomes({ id, node, lang }: { id: string; node: FlowNode; lang: Lang }) {
  const { t } = useTranslation();
  const outputs = definitionOf(node).outputs(node);
  const targets = useEditor(
    useShallow((s) => s.edges.filter((e) => e.source === id).map((e) => `${e.sourceHandle}=${e.target}`)),
  );
  const names = useEditor(
    useShallow((s) =>
      [
        ...stepNames(
          s.nodes.map((n) => ({ id: n.id, node: n.data.node })),
          lang,
        ),
      ].flat(),
    ),
  );
  if (outputs.length === 0) return null;
  const targetOf = (h: string) => targets.find((x) => x.startsWith(`${h}=`))?.slice(h.length + 1) ?? '';
  const options = [
    { value: '', label: `— ${t('editor.notConnected')} —` },
    // By name, like everywhere (id, name pairs flattened for the shallow comparison).
    ...names.flatMap((value, i) => (i % 2 === 0 ? [{ value, label: names[i + 1] }] : [])),
  ];
  return (
    <fieldset className="outcomes">
      <legend>{t('inspector.outcomes')}</legend>
      {outputs.map((h) => (
        <Select
          key={h.id}
          label={`${pick(h.label, lang)} → ${t('inspector.continueWith')}`}
          value={targetOf(h.id)}
          options={options}
          onChange={(target) => {
            const store = useEditor.getState();
            if (target) store.connect({ source: id, sourceHandle: h.id, target, targetHandle: null });
            else store.disconnect([edgeId(id, h.id)]);
          }}
        />
      ))}
      <button type="button" onClick={() => openConnectDialog(id)}>
        {t('access.connectButton')}
      </button>
    </fieldset>
  );
}
