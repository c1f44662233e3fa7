// Compare any two states of the flow — two versions, or a version and the draft — picked in two
// lists; the pair is part of the address (a link to it, Back, reload). Changed steps light up.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { diffFlows, type FlowChange } from '../../../../engine/src/flow/diff/index';
import { withSchemaDefaults } from '../../../../engine/src/flow/loader/validate';
import type { VersionRef } from '../../routing/routes';
import { updateEditor } from '../../routing/router';
import { useEditor } from '../../store/editor';
import { ChangeList } from './ChangeList';
import { useLive, versionFlow } from './live';

const refValue = (r: VersionRef) => String(r);
const parseRef = (v: string): VersionRef => (v === 'draft' ? 'draft' : Number(v));

export function useRefLabel(): (r: VersionRef) => string {
  const { t } = useTranslation();
  const liveNumber = useLive((s) => s.live?.number ?? null);
  return (r) =>
    r === 'draft'
      ? t('versions.draft')
      : r === liveNumber
        ? t('versions.liveVersion', { v: r })
        : t('versions.version', { v: r });
}

/** The changes from one state to the other; null while loading or when a version does not exist. */
function useComparison(flowId: string, from: VersionRef, to: VersionRef): FlowChange[] | null {
  const draft = useEditor((s) => s.flow());
  const [changes, setChanges] = useState<FlowChange[] | null>(null);
  useEffect(() => {
    let alive = true;
    // A published version has the schema's defaults written out; the draft gets them for comparing.
    const load = (r: VersionRef): Promise<unknown> =>
      r === 'draft' ? Promise.resolve(withSchemaDefaults(draft)) : versionFlow(flowId, r);
    void Promise.all([load(from), load(to)]).then(
      ([a, b]) => alive && setChanges(diffFlows(a, b)),
      () => alive && setChanges(null),
    );
    return () => {
      alive = false;
    };
  }, [flowId, from, to, draft]);
  useEffect(() => {
    useEditor.getState().setChanged(changes?.flatMap((c) => (c.nodeId ? [c.nodeId] : [])) ?? []);
  }, [changes]);
  useEffect(() => () => useEditor.getState().setChanged([]), []);
  return changes;
}

export function ComparePicker({ from, to }: { from?: VersionRef; to?: VersionRef }) {
  const { t } = useTranslation();
  const versions = useLive((s) => s.versions);
  const label = useRefLabel();
  const refs: VersionRef[] = [...versions.map((v) => v.number), 'draft'];
  const newest = versions[0]?.number;
  const [a, setA] = useState<VersionRef>(from ?? newest ?? 'draft');
  const [b, setB] = useState<VersionRef>(to ?? 'draft');
  if (versions.length === 0) return null;
  const options = refs.map((r) => (
    <option key={refValue(r)} value={refValue(r)}>
      {label(r)}
    </option>
  ));
  return (
    <div className="compare-picker">
      <label htmlFor="compare-from">{t('versions.compareFrom')}</label>
      <select id="compare-from" value={refValue(a)} onChange={(e) => setA(parseRef(e.target.value))}>
        {options}
      </select>
      <label htmlFor="compare-to">{t('versions.compareTo')}</label>
      <select id="compare-to" value={refValue(b)} onChange={(e) => setB(parseRef(e.target.value))}>
        {options}
      </select>
      <button type="button" onClick={() => updateEditor({ compare: { from: a, to: b } })}>
        {t('versions.compare')}
      </button>
    </div>
  );
}

export function Comparison({ flowId, from, to }: { flowId: string; from: VersionRef; to: VersionRef }) {
  const { t } = useTranslation();
  const label = useRefLabel();
  const changes = useComparison(flowId, from, to);
  return (
    <div className="diff" data-testid="diff">
      <h3>{t('versions.comparing', { from: label(from), to: label(to) })}</h3>
      {changes ? <ChangeList changes={changes} /> : <p className="muted">{t('versions.compareMissing')}</p>}
    </div>
  );
}
