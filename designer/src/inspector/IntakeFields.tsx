// Editor for the details (Angaben) an intake step asks for: add, reorder, remove, and per
// detail: key, label, type, question, required, read-back, special category, AI may read it.
import { useTranslation } from 'react-i18next';
import { FIELD_TYPES, type IntakeField, type IntakeNode } from '../../../engine/src/flow/format/schema';
import type { Period } from '../../../engine/src/flow/nlu';
import { newDetail } from '../nodes/intake/new-details';
import { useEditor } from '../store/editor';
import { Checkbox, ForIntegrators, PromptInput, Select, TextInput } from './controls';
import { detailKeyTaken, renameDetail } from './naming';

interface Props {
  stepId: string;
  node: IntakeNode;
  language: string;
  onChange: (node: IntakeNode, coalesceKey?: string) => void;
}

function move<T>(list: T[], from: number, to: number): T[] {
  const out = [...list];
  const [item] = out.splice(from, 1);
  out.splice(to, 0, item);
  return out;
}

export function IntakeFields({ stepId, node, language, onChange }: Props) {
  const { t } = useTranslation();
  const setFields = (fields: IntakeField[], key?: string) => onChange({ ...node, fields }, key);
  const patch = (i: number, p: Partial<IntakeField>, key?: string) =>
    setFields(
      node.fields.map((f, j) => (j === i ? dropEmpty({ ...f, ...p }) : f)),
      key && `field${i}.${key}`,
    );
  return (
    <fieldset className="intake-fields">
      <legend>{t('inspector.fields')}</legend>
      {node.fields.map((f, i) => (
        <div className="intake-field" key={i} data-testid={`field-${i}`}>
          <div className="row">
            <strong>{f.label || f.key}</strong>
            <button
              type="button"
              aria-label={`${t('inspector.up')}: ${f.label}`}
              disabled={i === 0}
              onClick={() => setFields(move(node.fields, i, i - 1))}
            >
              ↑
            </button>
            <button
              type="button"
              aria-label={`${t('inspector.down')}: ${f.label}`}
              disabled={i === node.fields.length - 1}
              onClick={() => setFields(move(node.fields, i, i + 1))}
            >
              ↓
            </button>
            <button
              type="button"
              aria-label={`${t('inspector.removeField')}: ${f.label}`}
              disabled={node.fields.length === 1}
              onClick={() => setFields(node.fields.filter((_, j) => j !== i))}
            >
              ✕
            </button>
          </div>
          <TextInput
            label={t('inspector.fieldLabel')}
            value={f.label}
            onChange={(v) => renameDetail(stepId, i, v)}
          />
          <ForIntegrators>
            <p className="muted">
              {t('inspector.fieldKey')}: <code>{f.key}</code>
            </p>
          </ForIntegrators>
          <Select
            label={t('inspector.fieldType')}
            value={f.type}
            options={FIELD_TYPES.map((ft) => ({ value: ft, label: t(`types.${ft}`) }))}
            onChange={(v) => patch(i, { type: v as IntakeField['type'] })}
          />
          <PromptInput
            label={t('inspector.fieldPrompt')}
            value={f.prompt}
            language={language}
            onChange={(v) => patch(i, { prompt: v }, 'prompt')}
          />
          {(f.type === 'date' || f.type === 'datetime') && (
            <Select
              label={t('inspector.when')}
              value={f.validation?.when ?? ''}
              options={[
                { value: '', label: t('inspector.whenAny') },
                { value: 'past', label: t('inspector.whenPast') },
                { value: 'future', label: t('inspector.whenFuture') },
              ]}
              onChange={(v) => patch(i, { validation: withWhen(f.validation, v) })}
            />
          )}
          <Checkbox
            label={t('inspector.required')}
            checked={f.required !== false}
            onChange={(v) => patch(i, { required: v ? undefined : false })}
          />
          <Checkbox
            label={t('inspector.confirm')}
            checked={f.confirm === true}
            onChange={(v) => patch(i, { confirm: v ? true : undefined })}
          />
          <Checkbox
            label={t('inspector.sensitive')}
            checked={f.sensitive === true}
            onChange={(v) => patch(i, { sensitive: v ? true : undefined })}
          />
          <Checkbox
            label={t('inspector.llm')}
            checked={f.llm !== false}
            onChange={(v) => patch(i, { llm: v ? undefined : false })}
          />
        </div>
      ))}
      <button
        type="button"
        onClick={() =>
          setFields([
            ...node.fields,
            newDetail(
              t('inspector.fieldLabel') + ` ${node.fields.length + 1}`,
              useEditor.getState().base.settings,
              detailKeyTaken(),
            ),
          ])
        }
      >
        + {t('inspector.addField')}
      </button>
    </fieldset>
  );
}

/** The validation with `when` set or (empty) removed; no empty validation object is left behind. */
function withWhen(validation: IntakeField['validation'], when: string): IntakeField['validation'] {
  const period: Period | undefined = when === 'past' || when === 'future' ? when : undefined;
  const rest = dropEmpty({ ...validation, when: period });
  return Object.keys(rest).length > 0 ? rest : undefined;
}

/** Optional properties are left out rather than stored as undefined (canonical JSON stays clean). */
function dropEmpty<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
