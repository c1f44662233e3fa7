// What a step says, read off the format: every spoken text of a node and the `{key}` placeholders
// in it. One definition for the linter (placeholders must name asked details), the processing
// record (which details reach the voice provider) and the interpreter (which prompts carry caller
// data and so are never cached).
import { pointer } from '../diagnostics';
import type { FlowNode } from './schema';

/** A `{key}` placeholder: filled from the collected details when the text is spoken. */
export const PLACEHOLDER = /\{([a-zA-Z][a-zA-Z0-9_]*)\}/g;
const ANY_PLACEHOLDER = new RegExp(PLACEHOLDER.source);

export function hasPlaceholders(text: string): boolean {
  return text.includes('{') && ANY_PLACEHOLDER.test(text);
}

/** The keys named by placeholders, in order of appearance (repeats included). */
export function placeholderKeys(text: string): string[] {
  return text.includes('{') ? Array.from(text.matchAll(PLACEHOLDER), (m) => m[1]) : [];
}

export interface SpokenText {
  /** JSON Pointer of the text in the flow, e.g. `/nodes/begruessung/disclosure`. */
  path: string;
  text: string;
  /** For a field's own prompts: its index, so earlier fields of the same step count as asked. */
  fieldIndex?: number;
}

/** Every text a step speaks — to the caller or, as a whisper, to staff — with its JSON Pointer. */
export function spokenTexts(id: string, node: FlowNode): SpokenText[] {
  const base = pointer('nodes', id);
  const out: SpokenText[] = [];
  // `unknown`: the processing record also reads drafts, where a text may be of the wrong type.
  const add = (path: string, text: unknown, fieldIndex?: number): void => {
    if (typeof text === 'string')
      out.push(fieldIndex === undefined ? { path, text } : { path, text, fieldIndex });
  };
  switch (node.kind) {
    case 'consent':
      add(`${base}/disclosure`, node.disclosure);
      add(`${base}/question`, node.question);
      add(`${base}/reprompt`, node.reprompt);
      break;
    case 'say':
    case 'end':
      add(`${base}/text`, node.text);
      break;
    case 'intake':
      node.fields.forEach((f, i) => {
        add(`${base}/fields/${i}/prompt`, f.prompt, i);
        add(`${base}/fields/${i}/reprompt`, f.reprompt, i);
      });
      break;
    case 'branch':
      add(`${base}/prompt`, node.prompt);
      break;
    case 'callback':
      add(`${base}/numberPrompt`, node.numberPrompt);
      add(`${base}/timePrompt`, node.timePrompt);
      add(`${base}/confirmation`, node.confirmation);
      break;
    case 'handoff':
      add(`${base}/announce`, node.announce);
      add(`${base}/whisper`, node.whisper);
      break;
    case 'hours':
      break;
  }
  return out;
}
