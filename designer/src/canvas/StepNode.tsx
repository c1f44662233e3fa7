// The canvas card of a step, drawn from its registry definition: icon and colour per kind,
// what the bot says / collects, labelled outcome handles, problem badges.
// Big flows render hundreds of cards at once, so each card keeps its store subscriptions to a
// minimum: one for the editor (a flat object of primitives), one for its problems, one for the
// language — no i18next hook per card.
import { Handle, Position, type NodeProps, type NodeTypes } from '@xyflow/react';
import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { nodeProblems, useCheck } from '../check/store';
import type { StepEdge, StepGraphNode } from '../graph/convert';
import { i18next, useLang } from '../i18n';
import { definitionOf } from '../nodes/registry';
import { pick } from '../nodes/types';
import { AnalyticsBadge } from '../panels/analytics/AnalyticsBadge';
import { useEditor, type EditorState } from '../store/editor';
import { cardLabelId } from './names';

// Connected outcome handles per step, computed once per edge list (not once per card).
const connectedCache = new WeakMap<readonly StepEdge[], Map<string, string>>();
function connectedHandles(edges: readonly StepEdge[]): Map<string, string> {
  let map = connectedCache.get(edges);
  if (!map) {
    map = new Map();
    for (const e of edges)
      map.set(e.source, map.has(e.source) ? `${map.get(e.source)}|${e.sourceHandle}` : e.sourceHandle);
    connectedCache.set(edges, map);
  }
  return map;
}

/** Keyword triggers and the "Mensch, bitte" escape that lead to this step ("\n"-joined labels). */
function flowLinks(s: EditorState, id: string): string {
  const labels = s.base.triggers.filter((tr) => tr.goto === id).map((tr) => tr.label);
  if (s.base.humanEscape.target === id) labels.push('\u0000');
  return labels.join('\n');
}

const cardState = (id: string) => (s: EditorState) => ({
  isStart: s.base.start === id,
  active: s.activeNodeId === id,
  changed: s.changedIds.has(id),
  connected: connectedHandles(s.edges).get(id) ?? '',
  links: flowLinks(s, id),
});

function StepNodeView({ id, data, selected }: NodeProps<StepGraphNode>) {
  const lang = useLang((s) => s.lang);
  const t = i18next.t;
  const def = definitionOf(data.node);
  const problems = useCheck(nodeProblems(id));
  const card = useEditor(useShallow(cardState(id)));
  const connected = card.connected.split('|');
  const badges = card.links
    ? card.links
        .split('\n')
        .map((l) => (l === '\u0000' ? t('editor.escapeBadge') : t('editor.triggerBadge', { label: l })))
    : [];
  const outputs = def.outputs(data.node);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const tip = problems.map((p) => p.message[lang]).join('\n');
  const classes = [
    'step',
    selected && 'selected',
    card.active && 'active',
    card.isStart && 'start',
    card.changed && 'changed',
    errors && 'has-errors',
  ]
    .filter(Boolean)
    .join(' ');
  // People read names: an untitled step is called by its kind, never by its id.
  const title = data.node.title ?? pick(def.label, lang);
  const name = [
    t('access.card', { title, kind: pick(def.label, lang) }),
    card.isStart && t('access.cardStart'),
    errors > 0 && t('access.cardErrors', { count: errors }),
    warnings > 0 && t('access.cardWarnings', { count: warnings }),
    selected && t('access.cardSelected'),
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <div className={classes} style={{ ['--kind' as string]: def.color }} data-testid={`step-${id}`}>
      <span className="sr-only" id={cardLabelId(id)}>
        {name}
      </span>
      <Handle
        type="target"
        position={Position.Top}
        className="in-handle"
        // A mouse target only: the keyboard connects in „Verbinden mit …", the exits are named
        // in the card's text.
        aria-hidden
      />
      <header>
        <span className="icon" aria-hidden>
          {def.icon}
        </span>
        <span className="kind">{pick(def.label, lang)}</span>
        {card.isStart && (
          <span className="badge start" title={t('editor.startHint')}>
            {t('editor.start')}
          </span>
        )}
        {errors > 0 && (
          <span className="badge error" title={tip}>
            ✕ {errors}
          </span>
        )}
        {warnings > 0 && (
          <span className="badge warning" title={tip}>
            ⚠ {warnings}
          </span>
        )}
      </header>
      <AnalyticsBadge id={id} node={data.node} />
      <div className="title">{title}</div>
      <ul className="summary">
        {def.summary(data.node, lang).map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ul>
      {badges.length > 0 && (
        <div className="flow-badges">
          {badges.map((b) => (
            <span key={b} className="badge trigger">
              {b}
            </span>
          ))}
        </div>
      )}
      {outputs.length > 0 && (
        <div className="outputs">
          {outputs.map((h) => (
            <div key={h.id} className="output">
              <span
                className={connected.includes(h.id) ? 'out-label' : 'out-label open'}
                title={connected.includes(h.id) ? undefined : t('editor.notConnected')}
              >
                {pick(h.label, lang)}
              </span>
              <Handle type="source" id={h.id} position={Position.Bottom} className="out-handle" aria-hidden />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

export const StepNode = memo(StepNodeView);
// xyflow types node components against its generic Node; ours is narrower (data is StepData).
export const NODE_TYPES: NodeTypes = { step: StepNode };
