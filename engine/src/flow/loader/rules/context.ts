// What every lint rule gets: the valid, typed flow plus indexes computed once.
import type { Diagnostic } from '../../diagnostics';
import type { Flow, FlowNode, IntakeField } from '../../format/schema';
import { specOf } from '../../nodes';
import { memoEdges, type EdgeFn } from '../graph';

export interface LintOptions {
  /** Ids of the organisation's transfer targets (its allow-list). When given, handoff targets must be among them. */
  handoffTargets?: readonly string[];
}

export interface FieldSite {
  nodeId: string;
  index: number;
  field: IntakeField;
}

export interface LintContext {
  flow: Flow;
  nodes: Readonly<Record<string, FlowNode>>;
  options: LintOptions;
  /** Every place a field key is asked, in document order. */
  fields: ReadonlyMap<string, readonly FieldSite[]>;
  /** The edges of a node, computed once per flow. */
  edges: EdgeFn;
}

/** A lint rule: a pure function from the flow to its diagnostics. */
export type Rule = (ctx: LintContext) => Diagnostic[];

export function lintContext(flow: Flow, options: LintOptions = {}): LintContext {
  const fields = new Map<string, FieldSite[]>();
  for (const [nodeId, node] of Object.entries(flow.nodes)) {
    specOf(node)
      ?.collects(node)
      .forEach((field, index) => {
        const list = fields.get(field.key) ?? [];
        list.push({ nodeId, index, field });
        fields.set(field.key, list);
      });
  }
  // Without a prototype, a reference like "constructor" (a valid node id) finds nothing instead of Object's method.
  const nodes: Record<string, FlowNode> = Object.assign(Object.create(null), flow.nodes);
  return { flow, nodes, options, fields, edges: memoEdges() };
}
