// The shape of one semantic change between two versions of a flow. Tools read the JSON; people
// read `message` (German and English). Layout and `$schema` never produce a change.
import type { LocalizedText } from '../diagnostics';

export type ChangeKind =
  | 'flow-changed'
  | 'setting-changed'
  | 'trigger-added'
  | 'trigger-removed'
  | 'trigger-changed'
  | 'escape-changed'
  | 'fact-added'
  | 'fact-removed'
  | 'fact-changed'
  | 'node-added'
  | 'node-removed'
  | 'node-changed'
  | 'node-renamed'
  | 'edge-changed'
  | 'field-added'
  | 'field-removed'
  | 'field-changed'
  | 'field-moved'
  | 'fields-reordered'
  | 'option-added'
  | 'option-removed'
  | 'option-changed';

export interface FlowChange {
  kind: ChangeKind;
  /** The node the change belongs to, when it belongs to one. */
  nodeId?: string;
  /** JSON Pointer of the changed part, in the newer flow where it exists there, else in the older. */
  path: string;
  before?: unknown;
  after?: unknown;
  message: LocalizedText;
}
