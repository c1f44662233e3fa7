// Flow-level listening: keyword triggers (active during the whole call) and the "Mensch, bitte"
// escape (words and a key that always lead to staff).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { Flow, Trigger } from '../../../engine/src/flow/format/schema';
import { idFromName } from '../../../engine/src/flow/ids/derive';
import { relabelTrigger } from '../../../engine/src/flow/ids/names';
import { ForIntegrators, KeywordsInput, Select, TextInput } from '../inspector/controls';
import { stepNames } from '../nodes/stepNames';
import { useEditor } from '../store/editor';
import { currentFixedIds } from './versions/live';

const update = (patch: (f: Flow) => Flow, key?: string) => useEditor.getState().updateFlow(patch, key);

/** Step choices by name (id, name pairs flattened, as the store selector returns them). */
type Steps = { value: string; label: string }[];

function TriggerForm({
  trigger,
  index,
  steps,
  onRemove,
}: {
  trigger: Trigger;
  index: number;
  steps: Steps;
  onRemove: () => void;
}) {
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
        // The id follows the label until the flow is published (engine ids/names.ts).
        onChange={(v) =>
          update((f) => relabelTrigger(f, index, v, currentFixedIds()), `trigger${index}.label`)
        }
      />
      <KeywordsInput
        label={t('inspector.keywords')}
        value={trigger.keywords}
        onChange={(v) => set({ keywords: v }, 'kw')}
      />
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
        options={[{ value: '', label: t('triggers.stay') }, ...steps]}
        onChange={(v) => set({ goto: v || undefined })}
      />
      <button type="button" onClick={onRemove}>
        ✕ {t('triggers.remove')}: {trigger.label}
      </button>
      <ForIntegrators>
        <p className="muted">
          {t('triggers.id')}: <code>{trigger.id}</code>
        </p>
        <p className="help">{t('inspector.idHint')}</p>
        {/* The mark is a machine value in the note and the webhook, like an id. */}
        <TextInput
          label={t('triggers.flag')}
          value={trigger.flag}
          onChange={(v) => set({ flag: v }, 'flag')}
        />
      </ForIntegrators>
    </fieldset>
  );
}

export function TriggersPanel() {
  const { t, i18n } = useTranslation();
  const triggers = useEditor((s) => s.base.triggers);
  const escape = useEditor((s) => s.base.humanEscape);
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const named = useEditor(
    useShallow((s) =>
      [
        ...stepNames(
          s.nodes.map((n) => ({ id: n.id, node: n.data.node })),
          lang,
        ),
      ].flat(),
    ),
  );
  const steps: Steps = named.flatMap((value, i) => (i % 2 === 0 ? [{ value, label: named[i + 1] }] : []));
  const handoffIds = useEditor(
    useShallow((s) => s.nodes.filter((n) => n.data.node.kind === 'handoff').map((n) => n.id)),
  );
  const nameOf = (id: string) => steps.find((s) => s.value === id)?.label ?? id;
  // Forms are keyed by place (a trigger's id follows its label while typed); a removal starts a
  // new generation so no form keeps the keywords typed into a removed one.
  const [generation, setGeneration] = useState(0);
  const newId = (label: string) =>
    idFromName(
      'trigger',
      label,
      (x) => triggers.some((tr) => tr.id === x) || currentFixedIds().triggers.has(x),
    ) ?? `stichwort-${triggers.length + 1}`;
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
            : [{ value: escape.target, label: escape.target ? nameOf(escape.target) : '—' }]),
          ...handoffIds.map((id) => ({ value: id, label: nameOf(id) })),
        ]}
        onChange={(v) => update((f) => ({ ...f, humanEscape: { ...f.humanEscape, target: v } }))}
      />
      <h2>{t('triggers.title')}</h2>
      <p className="help">{t('triggers.help')}</p>
      {triggers.map((tr, i) => (
        <TriggerForm
          key={`${generation}-${i}`}
          trigger={tr}
          index={i}
          steps={steps}
          onRemove={() => {
            setGeneration((g) => g + 1);
            update((f) => ({ ...f, triggers: f.triggers.filter((_, j) => j !== i) }));
          }}
        />
      ))}
      <button
        type="button"
        onClick={() =>
          update((f) => ({
            ...f,
            triggers: [
              ...f.triggers,
              { id: newId(t('triggers.title')), label: t('triggers.title'), keywords: ['notfall'] },
            ],
          }))
        }
      >
        + {t('triggers.add')}
      </button>
    </section>
  );
}
