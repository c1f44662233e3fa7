import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../../engine/src/flow/format/schema';
import { REGISTRY } from '../nodes/registry';
import type { NodeKind } from '../nodes/types';
import { edgeId, flowToGraph, graphToFlow, type FlowGraph } from './convert';
import { FIXTURE_FLOW } from './fixture.test-flow';

const flowsDir = join(__dirname, '../../../flows');
const exampleFlows = (): Flow[] => {
  try {
    return readdirSync(flowsDir)
      .filter((f) => f.endsWith('.flow.json'))
      .map((f) => JSON.parse(readFileSync(join(flowsDir, f), 'utf8')) as Flow);
  } catch {
    return [];
  }
};
const FLOWS = [FIXTURE_FLOW, ...exampleFlows()];

/** A random canvas edit, as a user would make it. */
type Edit =
  | { op: 'add'; kind: NodeKind; x: number; y: number }
  | { op: 'remove'; pick: number }
  | { op: 'connect'; from: number; handle: number; to: number }
  | { op: 'disconnect'; pick: number }
  | { op: 'move'; pick: number; x: number; y: number };

const kinds = Object.keys(REGISTRY) as NodeKind[];
const coord = fc.integer({ min: -5000, max: 5000 });
const idx = fc.nat(1000);
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('add' as const), kind: fc.constantFrom(...kinds), x: coord, y: coord }),
  fc.record({ op: fc.constant('remove' as const), pick: idx }),
  fc.record({ op: fc.constant('connect' as const), from: idx, handle: idx, to: idx }),
  fc.record({ op: fc.constant('disconnect' as const), pick: idx }),
  fc.record({ op: fc.constant('move' as const), pick: idx, x: coord, y: coord }),
);

function apply(g: FlowGraph, e: Edit, n: number): FlowGraph {
  const at = <T>(list: T[], i: number): T | undefined => (list.length ? list[i % list.length] : undefined);
  switch (e.op) {
    case 'add': {
      const id = `neu-${n}`;
      const node = REGISTRY[e.kind].create('de');
      return {
        ...g,
        nodes: [...g.nodes, { id, type: 'step', position: { x: e.x, y: e.y }, data: { node, placed: true } }],
      };
    }
    case 'remove': {
      const victim = at(g.nodes, e.pick);
      if (!victim) return g;
      return {
        nodes: g.nodes.filter((x) => x !== victim),
        edges: g.edges.filter((x) => x.source !== victim.id && x.target !== victim.id),
      };
    }
    case 'connect': {
      const src = at(g.nodes, e.from);
      const dst = at(g.nodes, e.to);
      const handle = src && at(REGISTRY[src.data.node.kind].outputs(src.data.node), e.handle);
      if (!src || !dst || !handle) return g;
      const id = edgeId(src.id, handle.id);
      const edges = g.edges.filter((x) => x.id !== id);
      return { ...g, edges: [...edges, { id, source: src.id, sourceHandle: handle.id, target: dst.id }] };
    }
    case 'disconnect': {
      const victim = at(g.edges, e.pick);
      return victim ? { ...g, edges: g.edges.filter((x) => x !== victim) } : g;
    }
    case 'move':
      return {
        ...g,
        nodes: g.nodes.map((x, i) =>
          i === e.pick % g.nodes.length ? { ...x, position: { x: e.x, y: e.y } } : x,
        ),
      };
  }
}

describe('graph ⇄ flow', () => {
  it.each(FLOWS.map((f) => [f.id, f] as const))('round-trips %s unchanged, layout included', (_id, flow) => {
    expect(graphToFlow(flowToGraph(flow), flow)).toEqual(flow);
  });

  it('draws one labelled edge per connected outcome', () => {
    const g = flowToGraph(FIXTURE_FLOW);
    expect(g.edges.filter((e) => e.source === 'begruessung').map((e) => [e.sourceHandle, e.target])).toEqual([
      ['yes', 'anliegen'],
      ['no', 'weiterleitung'],
      ['unclear', 'weiterleitung'],
    ]);
    expect(g.edges.find((e) => e.source === 'weiche' && e.sourceHandle === 'default')?.target).toBe('ende');
  });

  it('after any sequence of canvas edits the saved flow reopens to the same drawing', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FLOWS), fc.array(editArb, { maxLength: 25 }), (flow, edits) => {
        const edited = edits.reduce((g, e, i) => apply(g, e, i), flowToGraph(flow));
        const saved = graphToFlow(edited, flow);
        const reopened = flowToGraph(saved);
        expect(graphToFlow(reopened, saved)).toEqual(saved);
        // Every drawn connection is in the flow, and nothing else is.
        const drawn = new Set(edited.edges.map((e) => `${e.id}=${e.target}`));
        expect(new Set(reopened.edges.map((e) => `${e.id}=${e.target}`))).toEqual(drawn);
        expect(Object.keys(saved.layout?.nodes ?? {})).toEqual(edited.nodes.map((n) => n.id));
      }),
      { numRuns: 200 },
    );
  });

  it('a flow without layout gets grid positions and keeps having no layout', () => {
    const { layout: _l, ...noLayout } = FIXTURE_FLOW;
    const g = flowToGraph(noLayout);
    expect(new Set(g.nodes.map((n) => `${n.position.x},${n.position.y}`)).size).toBe(g.nodes.length);
    expect(graphToFlow(g, noLayout)).toEqual(noLayout);
  });
});
