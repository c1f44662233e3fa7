// What a step says, read off the step kinds' specs: every text a node speaks with its JSON
// Pointer. Read by the linter (placeholders must name asked details) and the processing record
// (which details reach the voice provider).
import { pointer } from '../diagnostics';
import { specOf } from '../nodes';
import type { FlowNode } from './schema';

export interface SpokenText {
  /** JSON Pointer of the text in the flow, e.g. `/nodes/begruessung/disclosure`. */
  path: string;
  text: string;
  /** For a field's own prompts: its index, so earlier fields of the same step count as asked. */
  fieldIndex?: number;
}

/** Every text a step speaks — to the caller or, as a whisper, to staff — with its JSON Pointer. */
export function spokenTexts(id: string, node: FlowNode): SpokenText[] {
  const out: SpokenText[] = [];
  for (const { path, text, fieldIndex } of specOf(node)?.prompts(node) ?? []) {
    // `unknown`: the processing record also reads drafts, where a text may be of the wrong type.
    if (path === undefined || typeof text !== 'string') continue;
    const at = pointer('nodes', id, ...path);
    out.push(fieldIndex === undefined ? { path: at, text } : { path: at, text, fieldIndex });
  }
  return out;
}
