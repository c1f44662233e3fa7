// Choosing a detail the flow asks (a branch deciding on it, the callback number) by its label:
// keys are ids for integrators and are not shown.
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useEditor } from '../store/editor';
import { Select } from './controls';

export function DetailSelect(props: {
  label: string;
  value: string | undefined;
  onChange: (key: string) => void;
}) {
  const { t } = useTranslation();
  // key, label pairs flattened, so the shallow comparison sees a change of either.
  const asked = useEditor(
    useShallow((s) =>
      s.nodes.flatMap((n) =>
        n.data.node.kind === 'intake' ? n.data.node.fields.flatMap((f) => [f.key, f.label]) : [],
      ),
    ),
  );
  const options = [{ value: '', label: `— ${t('inspector.noDetail')} —` }];
  for (let i = 0; i < asked.length; i += 2)
    if (!options.some((o) => o.value === asked[i])) options.push({ value: asked[i], label: asked[i + 1] });
  const value = props.value ?? '';
  // A key no step asks (any more) stays selectable, named as what it is, so nothing changes unasked.
  if (!options.some((o) => o.value === value)) options.push({ value, label: t('inspector.unknownDetail') });
  return <Select label={props.label} value={value} options={options} onChange={props.onChange} />;
}
