// Every kind's exits round-trip between the designer and the engine: whatever the designer
// connects through a handle is the edge the engine's graph follows, under the same exit name, at
// the place in the node the spec names, and it reads back unchanged — for any targets and, for a
// branch, any set of options.
import fc from 'fast-check';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { edgesOf } from '../../../engine/src/flow/loader/graph';
import { stepKinds } from '../../../engine/src/flow/nodes';
import { REGISTRY } from './registry';
import type { FlowNode, NodeKind } from './types';

const nodeId = fc.stringMatching(/^[a-z][a-z0-9_-]{0,20}$/);

/** A new step of `kind` as the palette makes it; a branch with any number of distinct options. */
function stepOf(kind: NodeKind): fc.Arbitrary<FlowNode> {
  const created = fc.constantFrom('de' as const, 'en' as const).map((lang) => REGISTRY[kind].create(lang));
  if (kind !== 'branch') return created;
  const options = fc.uniqueArray(
    nodeId.filter((id) => id !== 'default'),
    { minLength: 1, maxLength: 6 },
  );
  return fc
    .tuple(created, options)
    .map(([node, ids]) =>
      node.kind === 'branch'
        ? { ...node, options: ids.map((id) => ({ id, label: id, keywords: [id], next: '' })) }
        : node,
    );
}

/** The value at a spec path below the node. */
const at = (node: FlowNode, path: readonly (string | number)[]): unknown =>
  path.reduce<unknown>((v, key) => (v as Record<string | number, unknown> | undefined)?.[key], node);

describe('exits round-trip designer ⇄ engine', () => {
  it.each(Object.keys(REGISTRY) as NodeKind[])('%s', (kind) => {
    const def = REGISTRY[kind];
    const spec = stepKinds[kind];
    fc.assert(
      fc.property(
        stepOf(kind).chain((node) =>
          fc.tuple(
            fc.constant(node),
            fc.array(nodeId, { minLength: def.outputs(node).length, maxLength: 8 }),
          ),
        ),
        ([fresh, targets]) => {
          const handles = def.outputs(fresh);
          let node = fresh;
          handles.forEach((h, i) => (node = def.withTarget(node, h.id, targets[i])));
          // The designer's handles are the engine's exits, in order, with their words.
          expect(handles.map((h) => [h.id, h.label])).toEqual(spec.exits(node).map((e) => [e.exit, e.label]));
          // What was connected reads back, sits where the spec says, and is the graph's edge.
          const connected = handles.map((h, i) => [h.id, targets[i]]);
          expect(handles.map((h) => [h.id, def.getTarget(node, h.id)])).toEqual(connected);
          for (const e of spec.exits(node)) expect(at(node, e.path)).toBe(e.target);
          expect(edgesOf('schritt', node).map((e) => [e.outcome, e.to])).toEqual(connected);
          // A fully connected step is a valid step of the format; an unknown handle changes nothing.
          expect([...Value.Errors(def.schema, node)].map((e) => e.message)).toEqual([]);
          expect(def.withTarget(node, 'no-such-exit', 'x')).toEqual(node);
        },
      ),
      { numRuns: 60 },
    );
  });
});
