// The inspector: the form of the selected step, generated from its registry definition.
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { BranchNode, FlowNode, IntakeNode } from '../../../engine/src/flow/format/schema';
import { definitionOf } from '../nodes/registry';
import { pick, type FormField, type Lang } from '../nodes/types';
import { BusinessHoursEditor } from '../panels/BusinessHours';
import { useFixedIds } from '../panels/versions/live';
import { useEditor } from '../store/editor';
import { BranchOptions } from './BranchOptions';
import { DetailSelect } from './DetailSelect';
import { Checkbox, ForIntegrators, NumberInput, PromptInput, Select, TextInput, TimeInput } from './controls';
import { HandoffTarget } from './HandoffTarget';
import { IntakeFields } from './IntakeFields';
import { renameStep } from './naming';
import { Outcomes } from './Outcomes';

/**
 * Sets or (when empty) removes one top-level property of the node. `key` comes from the node
 * kind's own form definition; an empty text is removed unless `keepEmpty` (a required prompt).
 */
function withProp(node: FlowNode, key: string, value: unknown, { keepEmpty = false } = {}): FlowNode {
  const out: Record<string, unknown> = { ...node };
  if (value === undefined || (value === '' && !keepEmpty)) delete out[key];
  else out[key] = value;
  // The form writes only its kind's own properties, so the result is a node of the same kind.
  return out as FlowNode;
}

function FormControl({
  field,
  id,
  node,
  lang,
  language,
}: {
  field: FormField;
  id: string;
  node: FlowNode;
  lang: Lang;
  language: string;
}) {
  const { t } = useTranslation();
  const update = (n: FlowNode, key?: string) => useEditor.getState().updateNode(id, n, key);
  const props: Record<string, unknown> = node;
  switch (field.type) {
    case 'prompt':
      return (
        <PromptInput
          label={pick(field.label, lang)}
          value={props[field.key] as string}
          language={language}
          onChange={(v) => update(withProp(node, field.key, v, { keepEmpty: !field.optional }), field.key)}
        />
      );
    case 'text':
      return (
        <TextInput
          label={pick(field.label, lang)}
          value={props[field.key] as string}
          onChange={(v) =>
            // The title names the step: its id follows it until published (engine ids/names.ts).
            field.key === 'title' ? renameStep(id, v) : update(withProp(node, field.key, v), field.key)
          }
        />
      );
    case 'number':
      return (
        <NumberInput
          label={pick(field.label, lang)}
          value={props[field.key] as number}
          min={field.min}
          max={field.max}
          onChange={(v) => update(withProp(node, field.key, v), field.key)}
        />
      );
    case 'boolean':
      return (
        <Checkbox
          label={pick(field.label, lang)}
          checked={(props[field.key] as boolean | undefined) ?? field.defaultValue}
          onChange={(v) => update(withProp(node, field.key, v === field.defaultValue ? undefined : v))}
        />
      );
    case 'select':
      return (
        <Select
          label={pick(field.label, lang)}
          value={props[field.key] as string}
          options={field.options.map((o) => ({ value: o.value, label: pick(o.label, lang) }))}
          onChange={(v) => update(withProp(node, field.key, v))}
        />
      );
    case 'handoffTarget':
      return (
        <HandoffTarget
          label={pick(field.label, lang)}
          value={props[field.key] as string}
          onChange={(v) => update(withProp(node, field.key, v), field.key)}
        />
      );
    case 'detail':
      return (
        <DetailSelect
          label={pick(field.label, lang)}
          value={props[field.key] as string | undefined}
          onChange={(v) => update(withProp(node, field.key, v || undefined))}
        />
      );
    case 'intakeFields':
      return <IntakeFields stepId={id} node={node as IntakeNode} language={language} onChange={update} />;
    case 'branchOptions':
      return <BranchOptions stepId={id} node={node as BranchNode} onChange={update} />;
    case 'timeWindow': {
      const w = props[field.key] as { earliest: string; latest: string } | undefined;
      return (
        <fieldset>
          <legend>{pick(field.label, lang)}</legend>
          <Checkbox
            label={pick(field.label, lang)}
            checked={!!w}
            onChange={(on) =>
              update(withProp(node, field.key, on ? { earliest: '08:00', latest: '18:00' } : undefined))
            }
          />
          {w && (
            <div className="row">
              <label>
                {t('inspector.earliest')}{' '}
                <TimeInput
                  value={w.earliest}
                  onChange={(v) => update(withProp(node, field.key, { ...w, earliest: v }), 'we')}
                />
              </label>
              <label>
                {t('inspector.latest')}{' '}
                <TimeInput
                  value={w.latest}
                  onChange={(v) => update(withProp(node, field.key, { ...w, latest: v }), 'wl')}
                />
              </label>
            </div>
          )}
        </fieldset>
      );
    }
    case 'businessHours':
      return <BusinessHoursEditor />;
  }
}

export function Inspector() {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'de';
  const selected = useEditor(useShallow((s) => s.nodes.filter((n) => n.selected)));
  const language = useEditor((s) => s.base.language);
  const start = useEditor((s) => s.base.start);
  const fixed = useFixedIds();
  if (selected.length === 0) return <p className="muted">{t('inspector.none')}</p>;
  if (selected.length > 1) return <p className="muted">{t('inspector.many', { count: selected.length })}</p>;
  const { id, data } = selected[0];
  const def = definitionOf(data.node);
  // Keyed by the card, not its id: the id changes while the title is typed.
  const card = data.editKey ?? id;
  return (
    <section className="inspector" aria-label={pick(def.label, lang)} key={card}>
      <h2 style={{ ['--kind' as string]: def.color }}>
        <span aria-hidden>{def.icon}</span> {pick(def.label, lang)}
      </h2>
      <ForIntegrators>
        <p className="muted">
          {t('inspector.id')}: <code>{id}</code>
        </p>
        <p className="help" data-testid="id-state">
          {t(
            fixed === 'unknown'
              ? 'inspector.idUnknown'
              : fixed.steps.has(id)
                ? 'inspector.idFixed'
                : 'inspector.idFollows',
          )}
        </p>
      </ForIntegrators>
      {start !== id && (
        <button type="button" onClick={() => useEditor.getState().updateFlow((f) => ({ ...f, start: id }))}>
          ▶ {t('editor.makeStart')}
        </button>
      )}
      {def.form.map((field, i) => (
        <FormControl
          key={`${card}-${i}`}
          field={field}
          id={id}
          node={data.node}
          lang={lang}
          language={language}
        />
      ))}
      <Outcomes id={id} node={data.node} lang={lang} />
    </section>
  );
}
