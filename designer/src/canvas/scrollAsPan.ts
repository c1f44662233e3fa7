// A browser brings a half-hidden card into view by scrolling the canvas element (before a click,
// when Tab focuses the card). React Flow scrolls that element back on the same scroll event and
// knows nothing of it, so for a moment every card stood somewhere else — a click aimed while the
// card was scrolled into view landed beside it after the reset (the canvas then deselected), and
// a focused card jumped back out of view. Here the scroll becomes a pan of the same distance
// before React Flow sees it: the card stays where the browser put it, and the element is never
// left scrolled.
import { useReactFlow } from '@xyflow/react';
import { useEffect, type RefObject } from 'react';

/** The canvas' own layers, which only React Flow may move (not a card's scrollable text). */
const CANVAS_LAYER = '.react-flow, .react-flow__container';

export function useScrollAsPan(container: RefObject<HTMLElement | null>): void {
  const rf = useReactFlow();
  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const onScroll = (e: Event) => {
      const layer = e.target;
      if (!(layer instanceof HTMLElement) || !layer.matches(CANVAS_LAYER)) return;
      const dx = layer.scrollLeft;
      const dy = layer.scrollTop;
      if (!dx && !dy) return;
      layer.scrollTo({ left: 0, top: 0, behavior: 'instant' });
      const { x, y, zoom } = rf.getViewport();
      void rf.setViewport({ x: x - dx, y: y - dy, zoom });
    };
    // Capture: scroll events do not bubble, and this must run before React Flow's own reset.
    el.addEventListener('scroll', onScroll, true);
    return () => el.removeEventListener('scroll', onScroll, true);
  }, [container, rf]);
}
