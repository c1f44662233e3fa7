// What a person calls the parts of a flow: steps by their title, details (fields) by their label,
// branch options and triggers by their label, exits by their words. The id is used only where a
// part has no name of its own. Names come from the newer flow, else from the older one, so a
// removed step is still called what it was called.
import type { LocalizedText } from '../diagnostics';
import type { FlowNode } from '../format/schema';
import { exitsOf } from '../nodes/index';
import { arr, obj, type Json } from './values';

export interface Names {
  /** „Praxis geschlossen“ — a step, or a step id that no longer (or never) exists. */
  node(id: string): LocalizedText;
  field(nodeId: string, key: string): LocalizedText;
  option(nodeId: string, id: string): LocalizedText;
  trigger(id: string): LocalizedText;
  /** The words of a step's exit („Nein“, „Sonst“, an option's label). */
  exit(nodeId: string, exit: string): LocalizedText;
}

export const quoted = (s: string): LocalizedText => ({ de: `„${s}“`, en: `"${s}"` });
const quotedText = (s: LocalizedText): LocalizedText => ({ de: `„${s.de}“`, en: `"${s.en}"` });

/** Enough of a node to ask its kind for its exits (the spec tolerates missing parts). */
const isNode = (v: Json): v is Json & FlowNode => typeof v.kind === 'string';

const label = (v: unknown, fallback: string): string =>
  typeof v === 'string' && v.trim() ? v.trim() : fallback;

export function namesOf(before: Json, after: Json): Names {
  const nodeIn = (flow: Json, id: string): Json => obj(obj(flow.nodes)[id]);
  const node = (id: string): Json => (id in obj(after.nodes) ? nodeIn(after, id) : nodeIn(before, id));
  /** The label of an item (field, option, trigger) in the newer flow, else in the older one. */
  const itemLabel = (lists: [unknown, unknown], key: 'key' | 'id', id: string): unknown =>
    lists
      .map((list) => obj(arr(list).find((x) => obj(x)[key] === id)).label)
      .find((l) => typeof l === 'string' && l.trim());
  const nodeList = (nodeId: string, list: 'fields' | 'options'): [unknown, unknown] => [
    nodeIn(after, nodeId)[list],
    nodeIn(before, nodeId)[list],
  ];
  return {
    node: (id) => quoted(label(node(id).title, id)),
    field: (nodeId, key) => quoted(label(itemLabel(nodeList(nodeId, 'fields'), 'key', key), key)),
    option: (nodeId, id) => quoted(label(itemLabel(nodeList(nodeId, 'options'), 'id', id), id)),
    trigger: (id) => quoted(label(itemLabel([after.triggers, before.triggers], 'id', id), id)),
    exit(nodeId, exit) {
      const n = node(nodeId);
      let exits: ReturnType<typeof exitsOf> = [];
      try {
        if (isNode(n)) exits = exitsOf(n);
      } catch {
        // a document that fails validation: the exit keeps its id
      }
      const found = exits.find((e) => e.exit === exit);
      return found ? quotedText(found.label) : quoted(exit);
    },
  };
}
