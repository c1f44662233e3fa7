import { describe, expect, it } from 'vitest';
import { loadFlow } from '../../../engine/src/flow/index';
import { FIXTURE_FLOW } from '../graph/fixture.test-flow';
import { explainUnconnected } from './unconnected';

describe('unconnected exits in plain words', () => {
  it('replaces the format error of an empty target by "exit not connected", naming the exit', () => {
    const flow = structuredClone(FIXTURE_FLOW);
    if (flow.nodes.weiche.kind !== 'branch') throw new Error('fixture');
    flow.nodes.weiche.default = '';
    const raw = loadFlow(flow).diagnostics;
    expect(raw.some((d) => d.path === '/nodes/weiche/default')).toBe(true);
    const out = explainUnconnected(flow, raw);
    const mine = out.filter((d) => d.path === '/nodes/weiche/default');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      severity: 'error',
      nodeId: 'weiche',
      code: 'designer.outcome-not-connected',
    });
    expect(mine[0].message.de).toContain('„Sonst“');
  });

  it('leaves a fully connected flow untouched', () => {
    const raw = loadFlow(FIXTURE_FLOW).diagnostics;
    expect(explainUnconnected(FIXTURE_FLOW, raw)).toBe(raw);
  });
});
