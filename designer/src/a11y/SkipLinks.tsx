// Skip links, the first stops of the Tab order (shown only when focused): past the header to the
// screen's content, and in the editor straight onto the canvas — to the selected step, else the
// start — instead of through the header, toolbar and palette.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useEditor } from '../store/editor';

/** Focuses an element that is not in the Tab order by itself (a landmark). */
function focusTarget(el: HTMLElement | null): void {
  if (!el) return;
  if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
  el.focus();
}

function toContent(): void {
  focusTarget(document.querySelector<HTMLElement>('main'));
}

function toCanvas(): void {
  const s = useEditor.getState();
  const id = s.nodes.find((n) => n.selected)?.id ?? s.base.start;
  const card = document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
  if (card) card.focus();
  else focusTarget(document.querySelector<HTMLElement>('.canvas'));
}

/** `screen`: changes when another screen is shown. Its link or button is gone then and the focus
 * with it; the browser would go on tabbing from where that element was, in the middle of the new
 * screen. The focus goes back to the top instead, so the next Tab reaches the skip links. */
export function SkipLinks({ editor, screen }: { editor: boolean; screen: string }) {
  const { t } = useTranslation();
  const top = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (document.activeElement === document.body || !document.activeElement?.isConnected)
      top.current?.focus();
  }, [screen]);
  // Buttons, not `#anchor` links: the address fragment is the app's route.
  return (
    <div className="skip-links" ref={top} tabIndex={-1}>
      <button type="button" className="skip-link" onClick={toContent}>
        {t('nav.skipToContent')}
      </button>
      {editor && (
        <button type="button" className="skip-link" onClick={toCanvas}>
          {t('nav.skipToCanvas')}
        </button>
      )}
    </div>
  );
}
