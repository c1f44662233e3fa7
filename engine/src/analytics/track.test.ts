import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFlow } from '../flow/index';
import { start, step } from '../flow/interpreter/step';
import type { CallEvent } from '../flow/call/types';
import type { CallScope } from './service';
import type { CallSummary } from './summary';
import { trackCall } from './track';

const r = loadFlow(
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../flows/arztpraxis.flow.json'), 'utf8')),
);
if (!r.ok) throw new Error('example flow does not load');
const flow = r.compiled;
const scope: CallScope = { tenantId: 't1', flowId: 'f1', version: 3, zeroPersistence: false };

describe('trackCall (the runtime seam)', () => {
  it('records a call exactly once, when it ends, with the latency the runtime measured', async () => {
    const recorded: CallSummary[] = [];
    const at = Date.parse('2026-03-02T09:00:00+01:00');
    const first = start(flow, { txId: 'tx_1', startedAt: at, channel: 'phone' });
    const tracker = trackCall(flow, first.state, scope, {
      recordCall: async (_s, summary) => void recorded.push(summary),
    });
    let state = first.state;
    const events: CallEvent[] = [
      { type: 'utterance', at: at + 4000, text: 'ja', final: true },
      { type: 'hangup', at: at + 9000 },
      { type: 'hangup', at: at + 9500 },
    ];
    for (const e of events) {
      const next = step(flow, state, e);
      tracker.step(state, e, next.state, { engineLatencyMs: 4 });
      state = next.state;
    }
    await tracker.done;
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      outcome: 'hung-up',
      durationMs: 9000,
      latency: [0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0],
    });
  });

  it('reports a failing recorder instead of throwing into the call', async () => {
    const errors: unknown[] = [];
    const at = 0;
    const first = start(flow, { txId: 'tx_2', startedAt: at, channel: 'phone' });
    const tracker = trackCall(
      flow,
      first.state,
      scope,
      {
        recordCall: async () => {
          throw new Error('disk full');
        },
      },
      (e) => errors.push(e),
    );
    const e: CallEvent = { type: 'hangup', at: 1000 };
    tracker.step(first.state, e, step(flow, first.state, e).state);
    await tracker.done;
    expect(errors).toHaveLength(1);
  });
});
