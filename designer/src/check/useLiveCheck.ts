// Live checking: after every edit, the engine's own loader and linter run on the current flow
// in the browser. Edits within one animation frame are checked once (≤ one frame of delay).
import { useEffect } from 'react';
import { loadFlow } from '../../../engine/src/flow/index';
import { useSession } from '../session';
import { useEditor } from '../store/editor';
import { useCheck } from './store';
import { explainUnconnected } from './unconnected';

export function checkNow(): void {
  const s = useEditor.getState();
  const targets = useSession.getState().transferTargets?.map((t) => t.id);
  const t0 = performance.now();
  const flow = s.flow();
  const result = loadFlow(flow, targets ? { handoffTargets: targets } : {});
  useCheck.getState().set(s.revision, explainUnconnected(flow, result.diagnostics), performance.now() - t0);
}

export function useLiveCheck(): void {
  useEffect(() => {
    let frame = 0;
    const schedule = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        if (useCheck.getState().revision !== useEditor.getState().revision) checkNow();
      });
    };
    schedule();
    const unsub = useEditor.subscribe((s, prev) => {
      if (s.revision !== prev.revision) schedule();
    });
    return () => {
      unsub();
      if (frame) cancelAnimationFrame(frame);
    };
  }, []);
}
