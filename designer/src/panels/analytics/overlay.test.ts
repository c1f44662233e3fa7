import { describe, expect, it } from 'vitest';
import { heatColor, percent, useAnalyticsOverlay } from './overlay';

describe('analytics overlay slice', () => {
  it('keeps reached / hung-up per node id from the report', () => {
    useAnalyticsOverlay.getState().setNodes('f1', [
      {
        node: 'anliegen',
        entered: 7,
        left: {},
        reprompts: 0,
        silences: 0,
        humanRequested: 0,
        triggers: {},
        hungUp: 2,
        fallbacks: 0,
        hangUpRate: 2 / 7,
        humanRate: 0,
      },
    ]);
    expect(useAnalyticsOverlay.getState().flowId).toBe('f1');
    expect(useAnalyticsOverlay.getState().nodes.anliegen).toEqual({
      entered: 7,
      hungUp: 2,
      hangUpRate: 2 / 7,
      left: {},
    });
  });
  it('more hang-ups give a warmer colour; rates read as whole percent', () => {
    expect(heatColor(0)).toBe('hsl(120 70% 42%)');
    expect(heatColor(0.5)).toBe('hsl(0 70% 42%)');
    expect(heatColor(null)).toBe('#cbd2d9');
    expect(percent(0.184)).toBe('18 %');
    expect(percent(null)).toBe('–');
  });
});
