// Flow-level links shown on the target step: keyword triggers and the "Mensch, bitte" escape.
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useEditor } from '../store/editor';

export function useFlowBadges(id: string): string[] {
  const { t } = useTranslation();
  const labels = useEditor(
    useShallow((s) => [
      ...s.base.triggers.filter((tr) => tr.goto === id).map((tr) => tr.label),
      ...(s.base.humanEscape.target === id ? ['\u0000escape'] : []),
    ]),
  );
  return labels.map((l) => (l === '\u0000escape' ? t('editor.escapeBadge') : t('editor.triggerBadge', { label: l })));
}
