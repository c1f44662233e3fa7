// React Flow's screen-reader texts in the UI language (its defaults are English only).
import type { Lang } from '../nodes/types';

const DIRECTIONS: Record<string, { de: string; en: string }> = {
  up: { de: 'nach oben', en: 'up' },
  down: { de: 'nach unten', en: 'down' },
  left: { de: 'nach links', en: 'left' },
  right: { de: 'nach rechts', en: 'right' },
};

export function canvasAria(lang: Lang) {
  const de = lang === 'de';
  return {
    'node.a11yDescription.default': de
      ? 'Eingabetaste oder Leertaste wählt den Schritt aus. Entf löscht ihn, Escape bricht ab.'
      : 'Press enter or space to select a step. Press delete to remove it and escape to cancel.',
    'node.a11yDescription.keyboardDisabled': de
      ? 'Eingabetaste oder Leertaste wählt den Schritt aus; mit den Pfeiltasten verschieben. Entf löscht ihn, Escape bricht ab.'
      : 'Press enter or space to select a step; move it with the arrow keys. Press delete to remove it and escape to cancel.',
    'node.a11yDescription.ariaLiveMessage': ({
      direction,
      x,
      y,
    }: {
      direction: string;
      x: number;
      y: number;
    }) =>
      de
        ? `Schritt ${DIRECTIONS[direction]?.de ?? direction} verschoben. Neue Position: x ${x}, y ${y}`
        : `Moved step ${DIRECTIONS[direction]?.en ?? direction}. New position: x ${x}, y ${y}`,
    'edge.a11yDescription.default': de
      ? 'Eingabetaste oder Leertaste wählt die Verbindung aus; Entf entfernt sie, Escape bricht ab.'
      : 'Press enter or space to select a connection; delete removes it, escape cancels.',
    'controls.ariaLabel': de ? 'Ansicht' : 'View',
    'controls.zoomIn.ariaLabel': de ? 'Vergrößern' : 'Zoom in',
    'controls.zoomOut.ariaLabel': de ? 'Verkleinern' : 'Zoom out',
    'controls.fitView.ariaLabel': de ? 'Ansicht einpassen' : 'Fit view',
    'controls.interactive.ariaLabel': de ? 'Bearbeiten ein/aus' : 'Toggle editing',
    'minimap.ariaLabel': de ? 'Übersichtskarte' : 'Overview map',
    'handle.ariaLabel': de ? 'Anschluss' : 'Handle',
  };
}
