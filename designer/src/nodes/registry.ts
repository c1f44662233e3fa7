// The node registry: one definition per engine node kind (same `kind` strings as the engine,
// listed in definitions.ts). Palette, canvas cards, handles and inspector forms all read from here.
import { NODE_KINDS } from '../../../engine/src/flow/format/schema';
import { DEFINITIONS } from './definitions';
import type { AnyDefinition, FlowNode, NodeKind } from './types';

export const REGISTRY: Record<NodeKind, AnyDefinition> = DEFINITIONS;

/** Palette order: how a flow usually reads from top to bottom. */
export const PALETTE_ORDER: readonly NodeKind[] = NODE_KINDS;

export const definitionOf = (node: FlowNode | NodeKind): AnyDefinition =>
  REGISTRY[typeof node === 'string' ? node : node.kind];
