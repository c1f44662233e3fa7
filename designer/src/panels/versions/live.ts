// What is live: the latest published version of the open flow, kept next to the editor so the
// toolbar can say at every moment whether the draft differs from it ("Entwurf – 3 Änderungen").
// The comparison is the engine's semantic diff, so moving a card is not a change.
import { useMemo } from 'react';
import { create } from 'zustand';
import { diffFlows, type FlowChange } from '../../../../engine/src/flow/diff/index';
import type { Flow } from '../../../../engine/src/flow/format/schema';
import { fixedIdsOf, type FixedIds } from '../../../../engine/src/flow/ids/derive';
import { withSchemaDefaults } from '../../../../engine/src/flow/loader/validate';
import { api, type VersionSummary } from '../../api';
import { useEditor } from '../../store/editor';

interface LiveState {
  flowId: string | null;
  /** Newest first, as the server lists them. */
  versions: VersionSummary[];
  /** The latest version's flow; null before the first publish (or while loading). */
  live: { number: number; flow: Flow } | null;
  loaded: boolean;
  /** Every published version's flow, for the ids that may no longer change; null while fetching. */
  published: Flow[] | null;
  /** "Version 3 ist jetzt live" — true only for the draft revision it was said at. */
  notice: { text: string; revision: number } | null;
}

export const useLive = create<LiveState>()(() => ({
  flowId: null,
  versions: [],
  live: null,
  loaded: false,
  published: null,
  notice: null,
}));

/** Shows `text` until the draft changes next (no stale "Version 2 veröffentlicht" after edits). */
export const announce = (text: string): void =>
  useLive.setState({ notice: { text, revision: useEditor.getState().revision } });

const versionCache = new Map<string, Flow>();

/** One published version's flow (immutable, so fetched once per tab). */
export async function versionFlow(flowId: string, v: number): Promise<Flow> {
  const key = `${flowId}@${v}`;
  let flow = versionCache.get(key);
  if (!flow) {
    flow = (await api.getVersion(flowId, v)).flow as Flow;
    versionCache.set(key, flow);
  }
  return flow;
}

/** Reloads the version list and the live flow (after opening, publishing, rolling back). */
export async function refreshLive(flowId: string): Promise<void> {
  if (useLive.getState().flowId !== flowId)
    useLive.setState({ flowId, versions: [], live: null, loaded: false, published: null, notice: null });
  // Until every version is known again (a publish just added one), no id moves.
  else useLive.setState({ published: null });
  const versions = await api.listVersions(flowId);
  const latest = versions.reduce<number | null>((m, v) => (m === null || v.number > m ? v.number : m), null);
  const live = latest === null ? null : { number: latest, flow: await versionFlow(flowId, latest) };
  if (useEditor.getState().flowId !== flowId) return;
  useLive.setState({ flowId, versions, live, loaded: true });
  // Versions never change, so each is fetched once per tab.
  const published = await Promise.all(versions.map((v) => versionFlow(flowId, v.number)));
  if (useEditor.getState().flowId === flowId && useLive.getState().flowId === flowId)
    useLive.setState({ published });
}

/** The draft's changes against what is live, recomputed when the draft changes. */
export function useDraftChanges(): FlowChange[] | null {
  // flow() is memoised per revision, so this selector only changes when the draft does.
  const draft = useEditor((s) => s.flow());
  const live = useLive((s) => s.live);
  // A published version has the schema's defaults written out; the draft gets them for comparing.
  return useMemo(() => (live ? diffFlows(live.flow, withSchemaDefaults(draft)) : null), [live, draft]);
}

/**
 * The ids that no longer follow their names: those of every published version. Without a server
 * nothing was published; while the versions are still loading every id of the draft stays, so a
 * published id can never move because an edit came early.
 */
export function currentFixedIds(): FixedIds {
  const editor = useEditor.getState();
  if (editor.flowId === null) return fixedIdsOf();
  const { flowId, published } = useLive.getState();
  if (published === null || flowId !== editor.flowId) return fixedIdsOf(editor.flow());
  return fixedIdsOf(...published);
}

/** The same for rendering: 'unknown' while the published versions are still being fetched. */
export function useFixedIds(): FixedIds | 'unknown' {
  const flowId = useEditor((s) => s.flowId);
  const published = useLive((s) => (s.flowId === flowId ? s.published : null));
  return useMemo(
    () => (flowId === null ? fixedIdsOf() : published === null ? 'unknown' : fixedIdsOf(...published)),
    [flowId, published],
  );
}
