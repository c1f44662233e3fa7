// The overlay's row on a node card: "12 erreicht · 18 % aufgelegt" on a heat colour. One narrow
// store subscription per card (a primitive tuple), nothing rendered while the overlay is off.
import { useShallow } from 'zustand/react/shallow';
import { i18next } from '../../i18n';
import { useEditor } from '../../store/editor';
import { heatColor, percent, useAnalyticsOverlay } from './overlay';
import './analytics.css';

export function AnalyticsBadge({ id }: { id: string }) {
  const flowId = useEditor((s) => s.flowId);
  const heat = useAnalyticsOverlay(
    useShallow((s) => {
      const n = s.on ? s.nodes[id] : undefined;
      return { on: s.on && s.flowId === flowId, entered: n?.entered ?? 0, hungUp: n?.hungUp ?? 0, rate: n ? n.hangUpRate : null };
    }),
  );
  if (!heat.on) return null;
  const t = i18next.t;
  return (
    <div
      className="analytics-badge"
      style={{ background: heatColor(heat.rate) }}
      data-testid={`analytics-${id}`}
      title={t('analytics.badgeTitle', { entered: heat.entered, hungUp: heat.hungUp })}
    >
      {t('analytics.badge', { entered: heat.entered, rate: percent(heat.rate) })}
    </div>
  );
}
