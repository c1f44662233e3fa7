// Editor for a branch's paths: label and keywords per path. Connecting a path is done on the
// canvas (each path is a labelled handle); "Sonst" always exists.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BranchNode } from '../../../engine/src/flow/format/schema';
import { idFromName } from '../../../engine/src/flow/ids/derive';
import { ForIntegrators, KeywordsInput, TextInput } from './controls';
import { renameOption } from './naming';

type Option = BranchNode['options'][number];

interface Props {
  stepId: string;
  node: BranchNode;
  onChange: (node: BranchNode, coalesceKey?: string) => void;
}

/** A new path's id from its label; `default` is the name of the "otherwise" exit. */
const newOptionId = (options: Option[], label: string): string =>
  idFromName('option', label, (x) => x === 'default' || options.some((o) => o.id === x)) ?? 'weg';

export function BranchOptions({ stepId, node, onChange }: Props) {
  const { t } = useTranslation();
  // Rows are keyed by place, not by id (the id follows the label while it is typed); a removal
  // starts a new generation so no row keeps the keywords typed into a removed one.
  const [generation, setGeneration] = useState(0);
  const patch = (i: number, p: Partial<Option>, key: string) =>
    onChange(
      { ...node, options: node.options.map((o, j) => (j === i ? { ...o, ...p } : o)) },
      `option${i}.${key}`,
    );
  return (
    <fieldset className="branch-options">
      <legend>{t('inspector.options')}</legend>
      {node.options.map((opt, i) => (
        <div className="branch-option" key={`${generation}-${i}`} data-testid={`option-${opt.id}`}>
          <TextInput
            label={t('inspector.optionLabel')}
            value={opt.label}
            onChange={(v) => renameOption(stepId, i, v)}
          />
          <KeywordsInput
            label={t('inspector.keywords')}
            value={opt.keywords}
            onChange={(v) => patch(i, { keywords: v }, 'keywords')}
          />
          <button
            type="button"
            disabled={node.options.length === 1}
            aria-label={`${t('inspector.removeOption')}: ${opt.label}`}
            onClick={() => {
              setGeneration((g) => g + 1);
              onChange({ ...node, options: node.options.filter((_, j) => j !== i) });
            }}
          >
            ✕ {t('inspector.removeOption')}
          </button>
          <ForIntegrators>
            <p className="muted">
              {t('inspector.optionId')}: <code>{opt.id}</code>
            </p>
          </ForIntegrators>
        </div>
      ))}
      <button
        type="button"
        onClick={() => {
          const label = `${t('inspector.optionLabel')} ${node.options.length + 1}`;
          onChange({
            ...node,
            options: [
              ...node.options,
              {
                id: newOptionId(node.options, label),
                label,
                keywords: ['stichwort'],
                next: '',
              },
            ],
          });
        }}
      >
        + {t('inspector.addOption')}
      </button>
    </fieldset>
  );
}
