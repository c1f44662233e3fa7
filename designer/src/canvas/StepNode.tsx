// The canvas card of a step, drawn from its registry definition: icon and colour per kind,
// what the bot says / collects, labelled outcome handles, problem badges.
import { Handle, Position, type NodeProps, type NodeTypes } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { nodeProblems, useCheck } from '../check/store';
import type { StepEdge, StepGraphNode } from '../graph/convert';
import { definitionOf } from '../nodes/registry';
import { pick, type Lang } from '../nodes/types';
import { useEditor } from '../store/editor';
import { useFlowBadges } from './badges';

// Connected outcome handles per step, computed once per edge list (not once per card): with
// 500 cards a per-card scan of all edges on every store change is what made big flows slow.
const connectedCache = new WeakMap<readonly StepEdge[], Map<string, string>>();
function connectedHandles(edges: readonly StepEdge[]): Map<string, string> {
  let map = connectedCache.get(edges);
  if (!map) {
    map = new Map();
    for (const e of edges) map.set(e.source, map.has(e.source) ? `${map.get(e.source)}|${e.sourceHandle}` : e.sourceHandle);
    connectedCache.set(edges, map);
  }
  return map;
}

function StepNodeView({ id, data, selected }: NodeProps<StepGraphNode>) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'de';
  const def = definitionOf(data.node);
  const problems = useCheck(nodeProblems(id));
  const isStart = useEditor((s) => s.base.start === id);
  const active = useEditor((s) => s.activeNodeId === id);
  const changed = useEditor((s) => s.changedIds.has(id));
  const badges = useFlowBadges(id);
  const connected = useEditor((s) => connectedHandles(s.edges).get(id) ?? '');
  const outputs = def.outputs(data.node);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const classes = ['step', selected && 'selected', active && 'active', changed && 'changed', errors && 'has-errors']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={classes} style={{ ['--kind' as string]: def.color }} data-testid={`step-${id}`}>
      <Handle type="target" position={Position.Top} className="in-handle" aria-label={`${id}: Eingang`} />
      <header>
        <span className="icon" aria-hidden>{def.icon}</span>
        <span className="kind">{pick(def.label, lang)}</span>
        {isStart && <span className="badge start">{t('editor.start')}</span>}
        {errors > 0 && <span className="badge error" title={problems.map((p) => p.message[lang]).join('\n')}>✕ {errors}</span>}
        {warnings > 0 && <span className="badge warning" title={problems.map((p) => p.message[lang]).join('\n')}>⚠ {warnings}</span>}
      </header>
      <div className="title">{data.node.title ?? id}</div>
      <ul className="summary">
        {def.summary(data.node, lang).map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ul>
      {badges.length > 0 && (
        <div className="flow-badges">
          {badges.map((b) => (
            <span key={b} className="badge trigger">{b}</span>
          ))}
        </div>
      )}
      {outputs.length > 0 && (
        <div className="outputs">
          {outputs.map((h) => (
            <div key={h.id} className="output">
              <span className={connected.split('|').includes(h.id) ? 'out-label' : 'out-label open'}>{pick(h.label, lang)}</span>
              <Handle
                type="source"
                id={h.id}
                position={Position.Bottom}
                className="out-handle"
                aria-label={`${id}: ${pick(h.label, lang)}`}
              />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

export const StepNode = memo(StepNodeView);
// xyflow types node components against its generic Node; ours is narrower (data is StepData).
export const NODE_TYPES = { step: StepNode } as unknown as NodeTypes;
