// The overlay's rows on a node card: "12 erreicht · 18 % aufgelegt" on a heat colour, and below
// it where the callers went from here ("ja 82 % · unklar 12 % · nein 6 %"), in the card's own
// exit words. One narrow store subscription per card while the overlay is off (big flows render
// hundreds of cards); the exit list subscribes to language and triggers only when shown.
import { useShallow } from 'zustand/react/shallow';
import type { FlowNode } from '../../../../engine/src/flow/format/schema';
import { i18next, useLang } from '../../i18n';
import { useEditor } from '../../store/editor';
import { exitShares } from './exits';
import { heatColor, percent, useAnalyticsOverlay } from './overlay';
import './analytics.css';

const NO_EXITS: Record<string, number> = {};

function ExitList({
  id,
  node,
  entered,
  left,
}: {
  id: string;
  node?: FlowNode;
  entered: number;
  left: Record<string, number>;
}) {
  const triggers = useEditor((s) => s.base.triggers);
  const lang = useLang((s) => s.lang);
  const exits = exitShares(entered, left, {
    lang,
    node,
    triggerLabel: (tr) => triggers.find((x) => x.id === tr)?.label,
  });
  if (!exits.length) return null;
  return (
    <ul
      className="analytics-exits"
      data-testid={`analytics-exits-${id}`}
      aria-label={i18next.t('analytics.exitsLabel')}
    >
      {exits.map((e) => (
        <li key={e.exit}>{`${e.word} ${percent(e.share)}`}</li>
      ))}
    </ul>
  );
}

export function AnalyticsBadge({ id, node }: { id: string; node?: FlowNode }) {
  const flowId = useEditor((s) => s.flowId);
  const heat = useAnalyticsOverlay(
    useShallow((s) => {
      const n = s.on ? s.nodes[id] : undefined;
      return {
        on: s.on && s.flowId === flowId,
        entered: n?.entered ?? 0,
        hungUp: n?.hungUp ?? 0,
        rate: n ? n.hangUpRate : null,
        left: n?.left ?? NO_EXITS,
      };
    }),
  );
  if (!heat.on) return null;
  const t = i18next.t;
  return (
    <>
      <div
        className="analytics-badge"
        style={{ background: heatColor(heat.rate) }}
        data-testid={`analytics-${id}`}
        title={t('analytics.badgeTitle', { count: heat.entered, hungUp: heat.hungUp })}
      >
        {t('analytics.badge', { entered: heat.entered, rate: percent(heat.rate) })}
      </div>
      <ExitList id={id} node={node} entered={heat.entered} left={heat.left} />
    </>
  );
}
