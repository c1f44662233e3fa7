// The palette: one button per node kind, from the registry. A click adds the step beside the selected
// one and connects it (without a selection: below the flow); a drag drops it where you let go.
import { useTranslation } from 'react-i18next';
import { PALETTE_ORDER, REGISTRY } from '../nodes/registry';
import { pick, type Lang } from '../nodes/types';
import { useEditor } from '../store/editor';

export const PALETTE_MIME = 'application/x-callflow-kind';

export function Palette() {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'de';
  return (
    <nav className="palette" aria-label={t('editor.palette')}>
      <h2>{t('editor.palette')}</h2>
      <p className="hint">{t('editor.paletteHint')}</p>
      {PALETTE_ORDER.map((kind) => {
        const def = REGISTRY[kind];
        return (
          <button
            key={kind}
            type="button"
            className="palette-item"
            style={{ ['--kind' as string]: def.color }}
            title={pick(def.hint, lang)}
            draggable
            onDragStart={(e) => {
              e.dataTransfer.setData(PALETTE_MIME, kind);
              e.dataTransfer.effectAllowed = 'move';
            }}
            onClick={() => useEditor.getState().addStep(kind, lang)}
            data-testid={`palette-${kind}`}
          >
            <span aria-hidden>{def.icon}</span> {pick(def.label, lang)}
          </button>
        );
      })}
    </nav>
  );
}
