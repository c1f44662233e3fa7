// The editor's polite live region: what an action did, said to screen readers (a connection made
// or removed, a version published), without moving the focus. Other screens have their own
// status lines (the inbox's), so it lives in the editor only.
import { useEffect } from 'react';
import { create } from 'zustand';

const useAnnouncement = create<{ text: string; n: number }>()(() => ({ text: '', n: 0 }));

/** Says `text` once; the same words twice in a row are said twice (the region is re-keyed). */
export function announce(text: string): void {
  useAnnouncement.setState((s) => ({ text, n: s.n + 1 }));
}

export function Announcer() {
  const { text, n } = useAnnouncement();
  // What was said in an earlier visit of the editor is not news any more.
  useEffect(() => () => useAnnouncement.setState({ text: '' }), []);
  return (
    <div className="sr-only" role="status" aria-live="polite" data-testid="announcement">
      <span key={n}>{text}</span>
    </div>
  );
}
