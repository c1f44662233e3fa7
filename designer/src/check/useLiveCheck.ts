// Live checking: after every edit the engine's own loader and linter check the current flow.
// In the browser this runs in a Web Worker (the main thread only converts graph → flow and posts
// it, about a millisecond even for 500 steps); where workers are missing it runs in the page.
// Edits within one animation frame are sent once.
import { useEffect } from 'react';
import { useSession } from '../session';
import { useEditor } from '../store/editor';
import { runCheck, type CheckRequest, type CheckResponse } from './run';
import { useCheck } from './store';

function request(): CheckRequest {
  const s = useEditor.getState();
  return {
    revision: s.revision,
    flow: s.flow(),
    handoffTargets: useSession.getState().transferTargets?.map((t) => t.id) ?? null,
  };
}

function accept(res: CheckResponse, sentAt: number): void {
  // A late answer for an older revision is still better than nothing, but never overwrites a newer one.
  if (res.revision < useCheck.getState().revision) return;
  useCheck.getState().set(res.revision, res.diagnostics, res.ms, performance.now() - sentAt);
}

/** Synchronous check in the page (tests, and browsers without module workers). */
export function checkNow(): void {
  const t0 = performance.now();
  accept(runCheck(request()), t0);
}

let shared: Worker | null | undefined;

/** One check worker for the app's lifetime; warm it early (flow list) so the first check is quick. */
export function checkWorker(): Worker | null {
  if (shared !== undefined) return shared;
  try {
    shared =
      typeof Worker === 'undefined'
        ? null
        : new Worker(new URL('./check.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    shared = null;
  }
  return shared;
}

export function useLiveCheck(): void {
  useEffect(() => {
    const worker = checkWorker();
    const sent = new Map<number, number>();
    if (worker) {
      worker.onmessage = (e: MessageEvent<CheckResponse>) => {
        accept(e.data, sent.get(e.data.revision) ?? performance.now());
        for (const r of sent.keys()) if (r <= e.data.revision) sent.delete(r);
      };
    }
    let frame = 0;
    const schedule = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        if (!worker) return checkNow();
        const t0 = performance.now();
        const req = request();
        worker.postMessage(req);
        sent.set(req.revision, t0);
        useCheck.getState().setMainThread(performance.now() - t0);
      });
    };
    schedule();
    const unsub = useEditor.subscribe((s, prev) => {
      if (s.revision !== prev.revision) schedule();
    });
    return () => {
      unsub();
      if (frame) cancelAnimationFrame(frame);
      if (worker) worker.onmessage = null;
    };
  }, []);
}
