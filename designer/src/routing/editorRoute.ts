// The editor's part of the address: which flow is open (loaded when a link or a reload names one
// that is not open yet) and which step is selected (selecting a card updates the address; an
// address naming a step selects and centres it).
import { useEffect, useState } from 'react';
import { api, ApiFailure } from '../api';
import { openDraft, saveNow } from '../screens/autosave';
import { useSession, type Screen } from '../session';
import { useEditor } from '../store/editor';
import { updateEditor } from './router';

export type EditorScreen = Extract<Screen, { name: 'editor' }>;
export type OpenState = 'loading' | 'ready' | 'missing' | 'failed';

const selectedStep = (): string | undefined => {
  const selected = useEditor.getState().nodes.filter((n) => n.selected);
  return selected.length === 1 ? selected[0].id : undefined;
};

/** Opens the flow the address names, saving the one open before. */
export function useOpenFlow(flowId: string | null): OpenState {
  const isOpen = useEditor((s) => s.flowId === flowId);
  const [state, setState] = useState<OpenState>(isOpen ? 'ready' : 'loading');
  useEffect(() => {
    if (flowId === null || useEditor.getState().flowId === flowId) {
      setState('ready');
      return;
    }
    let alive = true;
    setState('loading');
    void (async () => {
      try {
        await saveNow();
        const draft = await api.getDraft(flowId);
        if (!alive) return;
        openDraft(draft);
        setState('ready');
      } catch (e) {
        if (alive) setState(e instanceof ApiFailure && e.status === 404 ? 'missing' : 'failed');
      }
    })();
    return () => {
      alive = false;
    };
  }, [flowId]);
  // Right after the address changed to another flow, a 'ready' left from the last one is stale.
  if (isOpen || flowId === null) return 'ready';
  return state === 'ready' ? 'loading' : state;
}

/** Two-way link between the selected card and `?schritt=` while the flow is open. */
export function useStepInAddress(screen: EditorScreen, ready: boolean): void {
  const { step } = screen;
  useEffect(() => {
    const editor = useEditor.getState();
    if (!ready || selectedStep() === step) return;
    // Back to an address without a step clears the selection, or the next edit would put the
    // old step back into that address.
    if (!step) editor.select(null);
    else if (editor.nodes.some((n) => n.id === step)) editor.select(step, { centre: true });
  }, [ready, step]);
  useEffect(() => {
    if (!ready) return;
    return useEditor.subscribe((s, prev) => {
      // Opening a flow clears the selection; that must not erase the step a link points at.
      if (s.nodes === prev.nodes || s.flowId !== prev.flowId) return;
      const current = useSession.getState().screen;
      const now = selectedStep();
      if (current.name === 'editor' && now !== current.step) updateEditor({ step: now });
    });
  }, [ready]);
}
