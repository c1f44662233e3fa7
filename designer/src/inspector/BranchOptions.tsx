// Editor for a branch's paths: label and keywords per path. Connecting a path is done on the
// canvas (each path is a labelled handle); "Sonst" always exists.
import { useTranslation } from 'react-i18next';
import type { BranchNode } from '../../../engine/src/flow/format/schema';
import { KeywordsInput, TextInput } from './controls';

type Option = BranchNode['options'][number];

interface Props {
  node: BranchNode;
  onChange: (node: BranchNode, coalesceKey?: string) => void;
}

function newOptionId(options: Option[]): string {
  for (let i = options.length + 1; ; i++)
    if (!options.some((o) => o.id === `option-${i}`)) return `option-${i}`;
}

export function BranchOptions({ node, onChange }: Props) {
  const { t } = useTranslation();
  const patch = (i: number, p: Partial<Option>, key: string) =>
    onChange(
      { ...node, options: node.options.map((o, j) => (j === i ? { ...o, ...p } : o)) },
      `option${o(i)}.${key}`,
    );
  const o = (i: number) => node.options[i]?.id ?? i;
  return (
    <fieldset className="branch-options">
      <legend>{t('inspector.options')}</legend>
      {node.options.map((opt, i) => (
        <div className="branch-option" key={opt.id} data-testid={`option-${opt.id}`}>
          <TextInput
            label={t('inspector.optionLabel')}
            value={opt.label}
            onChange={(v) => patch(i, { label: v }, 'label')}
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
            onClick={() => onChange({ ...node, options: node.options.filter((_, j) => j !== i) })}
          >
            ✕ {t('inspector.removeOption')}
          </button>
        </div>
      ))}
      <button
        type="button"
        onClick={() => {
          const id = newOptionId(node.options);
          onChange({
            ...node,
            options: [
              ...node.options,
              {
                id,
                label: `${t('inspector.optionLabel')} ${node.options.length + 1}`,
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
