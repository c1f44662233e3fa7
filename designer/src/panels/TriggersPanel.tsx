// Flow-level listening: keyword triggers (active during the whole call) and the "Mensch, bitte"
// escape (words and a key that always lead to staff).
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { Flow, Trigger } from '../../../engine/src/flow/format/schema';
import { KeywordsInput, Select, TextInput } from '../inspector/controls';
import { useEditor } from '../store/editor';

const update = (patch: (f: Flow) => Flow, key?: string) => useEditor.getState().updateFlow(patch, key);

function TriggerForm({ trigger, index, stepIds }: { trigger: Trigger; index: number; stepIds: string[] }) {
  const { t } = useTranslation();
  const set = (p: Partial<Trigger>, key?: string) =>
    update(
      (f) => ({
        ...f,
        triggers: f.triggers.map((x, i) =>
          i === index
            ? (Object.fromEntries(
                Object.entries({ ...x, ...p }).filter(([, v]) => v !== undefined && v !== ''),
              ) as Trigger)
            : x,
        ),
      }),
      key && `trigger${index}.${key}`,
    );
  return (
    <fieldset className="trigger" data-testid={`trigger-${trigger.id}`}>
      <legend>{trigger.label}</legend>
      <TextInput
        label={t('triggers.label')}
        value={trigger.label}
        onChange={(v) => set({ label: v }, 'label')}
      />
      <KeywordsInput
        label={t('inspector.keywords')}
        value={trigger.keywords}
        onChange={(v) => set({ keywords: v }, 'kw')}
      />
      <TextInput label={t('triggers.flag')} value={trigger.flag} onChange={(v) => set({ flag: v }, 'flag')} />
      <Select
        label={t('triggers.priority')}
        value={trigger.priority ?? 'normal'}
        options={[
          { value: 'normal', label: 'normal' },
          { value: 'urgent', label: t('triggers.urgent') },
        ]}
        onChange={(v) => set({ priority: v === 'urgent' ? 'urgent' : undefined })}
      />
      <Select
        label={t('triggers.goto')}
        value={trigger.goto ?? ''}
        options={[
          { value: '', label: t('triggers.stay') },
          ...stepIds.map((id) => ({ value: id, label: id })),
        ]}
        onChange={(v) => set({ goto: v || undefined })}
      />
      <button
        type="button"
        onClick={() => update((f) => ({ ...f, triggers: f.triggers.filter((_, i) => i !== index) }))}
      >
        ✕ {t('triggers.remove')}: {trigger.label}
      </button>
    </fieldset>
  );
}

export function TriggersPanel() {
  const { t } = useTranslation();
  const triggers = useEditor((s) => s.base.triggers);
  const escape = useEditor((s) => s.base.humanEscape);
  const stepIds = useEditor(useShallow((s) => s.nodes.map((n) => n.id)));
  const handoffIds = useEditor(
    useShallow((s) => s.nodes.filter((n) => n.data.node.kind === 'handoff').map((n) => n.id)),
  );
  const newId = () => {
    for (let i = triggers.length + 1; ; i++)
      if (!triggers.some((x) => x.id === `stichwort-${i}`)) return `stichwort-${i}`;
  };
  return (
    <section className="triggers" aria-label={t('triggers.title')}>
      <h2>{t('triggers.escape')}</h2>
      <p className="help">{t('triggers.escapeHelp')}</p>
      <KeywordsInput
        label={t('inspector.keywords')}
        value={escape.keywords}
        onChange={(v) =>
          update((f) => ({ ...f, humanEscape: { ...f.humanEscape, keywords: v } }), 'escape.kw')
        }
      />
      <Select
        label={t('triggers.dtmf')}
        value={escape.dtmf}
        options={['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#'].map((d) => ({
          value: d,
          label: d,
        }))}
        onChange={(v) => update((f) => ({ ...f, humanEscape: { ...f.humanEscape, dtmf: v } }))}
      />
      <Select
        label={t('triggers.goto')}
        value={escape.target}
        options={[
          ...(handoffIds.includes(escape.target)
            ? []
            : [{ value: escape.target, label: escape.target || '—' }]),
          ...handoffIds.map((id) => ({ value: id, label: id })),
        ]}
        onChange={(v) => update((f) => ({ ...f, humanEscape: { ...f.humanEscape, target: v } }))}
      />
      <h2>{t('triggers.title')}</h2>
      <p className="help">{t('triggers.help')}</p>
      {triggers.map((tr, i) => (
        <TriggerForm key={tr.id} trigger={tr} index={i} stepIds={stepIds} />
      ))}
      <button
        type="button"
        onClick={() =>
          update((f) => ({
            ...f,
            triggers: [...f.triggers, { id: newId(), label: t('triggers.title'), keywords: ['notfall'] }],
          }))
        }
      >
        + {t('triggers.add')}
      </button>
    </section>
  );
}
