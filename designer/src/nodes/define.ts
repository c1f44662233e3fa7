// A designer definition from the engine's spec of a kind: the spec spread as it is, its exits as
// the canvas handles, plus the designer's own view (icon, colour, card summary, inspector form).
import type { StepKindSpec, StepNode } from '../../../engine/src/flow/nodes';
import type { NodeDefinition, NodeView } from './types';

export function defineNode<N extends StepNode>(spec: StepKindSpec<N>, view: NodeView<N>): NodeDefinition<N> {
  return {
    ...spec,
    ...view,
    label: spec.words,
    outputs: (node) => spec.exits(node).map((e) => ({ id: e.exit, label: e.label })),
    getTarget: (node, handle) => spec.exits(node).find((e) => e.exit === handle)?.target,
    withTarget: (node, handle, target) => spec.withExit(node, handle, target),
  };
}
