// Autosave of the draft with ETag/If-Match: every edit is saved shortly after it happens; if
// someone else saved in between, the server answers 412 and the user decides (reload or
// overwrite) — nothing is overwritten silently.
import { useEffect } from 'react';
import { create } from 'zustand';
import { api, type Draft } from '../api';
import type { Flow } from '../../../engine/src/flow/format/schema';
import { useEditor } from '../store/editor';

export type SaveStatusValue = 'saved' | 'dirty' | 'saving' | 'error' | 'conflict' | 'offline';

interface SaveState {
  etag: string | null;
  savedRevision: number;
  status: SaveStatusValue;
  conflictEtag: string | null;
  set(p: Partial<Omit<SaveState, 'set'>>): void;
}

export const useSave = create<SaveState>()((set) => ({
  etag: null,
  savedRevision: 0,
  status: 'offline',
  conflictEtag: null,
  set: (p) => set(p),
}));

/** Opens a server draft in the editor. */
export function openDraft(draft: Draft): void {
  useEditor.getState().open(draft.document as Flow, draft.flowId);
  useSave.getState().set({
    etag: draft.etag,
    savedRevision: useEditor.getState().revision,
    status: 'saved',
    conflictEtag: null,
  });
}

/** Takes over a draft the server rewrote (a rollback) as one undoable edit of the open flow. */
export function adoptDraft(draft: Draft): void {
  useEditor.getState().replaceFlow(draft.document as Flow);
  // The server already holds exactly this: nothing to save, and the next save needs its ETag.
  useSave.getState().set({
    etag: draft.etag,
    savedRevision: useEditor.getState().revision,
    status: 'saved',
    conflictEtag: null,
  });
}

export function openOffline(flow: Flow): void {
  useEditor.getState().open(flow, null);
  useSave
    .getState()
    .set({ etag: null, savedRevision: useEditor.getState().revision, status: 'offline', conflictEtag: null });
}

let inFlight: Promise<void> | null = null;

export async function saveNow(): Promise<void> {
  if (inFlight) await inFlight;
  const ed = useEditor.getState();
  const sv = useSave.getState();
  if (!ed.flowId || !sv.etag || sv.status === 'conflict' || sv.savedRevision === ed.revision) return;
  const revision = ed.revision;
  sv.set({ status: 'saving' });
  inFlight = (async () => {
    try {
      const res = await api.saveDraft(ed.flowId!, ed.flow(), sv.etag!);
      if ('conflict' in res)
        useSave.getState().set({ status: 'conflict', conflictEtag: res.conflict?.etag ?? null });
      else
        useSave.getState().set({
          etag: res.etag,
          savedRevision: revision,
          status: useEditor.getState().revision === revision ? 'saved' : 'dirty',
        });
    } catch {
      useSave.getState().set({ status: 'error' });
    }
  })();
  await inFlight;
  inFlight = null;
}

export async function resolveConflict(choice: 'reload' | 'overwrite'): Promise<void> {
  const flowId = useEditor.getState().flowId;
  if (!flowId) return;
  if (choice === 'reload') {
    openDraft(await api.getDraft(flowId));
    return;
  }
  const { conflictEtag } = useSave.getState();
  const etag = conflictEtag ?? (await api.getDraft(flowId)).etag;
  useSave.getState().set({ etag, status: 'dirty', conflictEtag: null });
  await saveNow();
}

export function useAutosave(): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsub = useEditor.subscribe((s, prev) => {
      if (s.revision === prev.revision) return;
      const sv = useSave.getState();
      if (sv.status === 'offline' || sv.status === 'conflict') return;
      if (sv.savedRevision !== s.revision && sv.status !== 'saving') sv.set({ status: 'dirty' });
      clearTimeout(timer);
      timer = setTimeout(() => void saveNow(), 700);
    });
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void saveNow();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      unsub();
      clearTimeout(timer);
      // Leaving the editor (a link, Back) saves what is still pending instead of dropping it.
      void saveNow();
      window.removeEventListener('keydown', onKey);
    };
  }, []);
}
