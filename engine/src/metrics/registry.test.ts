import { describe, expect, it } from 'vitest';
import type { CallSummary } from '../analytics/summary';
import { createMetrics } from './registry';

const summary = {
  day: '2026-03-02',
  outcome: 'completed',
  durationMs: 42_000,
  nodes: {},
} as unknown as CallSummary;
const scope = { tenantId: 't1', flowId: 'praxis', version: 3, zeroPersistence: true } as const;

describe('metrics fed by finished calls', () => {
  it('labels test calls apart from phone calls and times phone calls only', async () => {
    const m = createMetrics({ defaultMetrics: false });
    m.onRecorded(scope, summary, [{ node: 'begruessung', metric: 'entered', key: '', count: 1 }] as never);
    m.onRecorded({ ...scope, source: 'test' }, summary, [
      { node: 'begruessung', metric: 'entered', key: '', count: 1 },
    ] as never);
    const text = await m.registry.metrics();
    expect(text).toMatch(/^callflow_calls_total\{outcome="completed",source="phone"\} 1$/m);
    expect(text).toMatch(/^callflow_calls_total\{outcome="completed",source="test"\} 1$/m);
    expect(text).toMatch(/^callflow_call_duration_seconds_count 1$/m);
    expect(text).toMatch(
      /^callflow_zero_persistence_calls_total\{flow_id="praxis",outcome="completed",source="phone"\} 1$/m,
    );
    expect(text).toMatch(
      /^callflow_zero_persistence_node_total\{flow_id="praxis",node_id="begruessung",counter="entered",key="",source="test"\} 1$/m,
    );
  });
});
