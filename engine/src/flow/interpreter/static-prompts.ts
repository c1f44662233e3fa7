// Every prompt of a compiled flow that gets a cache key — the flow's own prompts without
// placeholders plus the interpreter's static phrases (the provider-fault apologies among them)
// in the flow's language — with exactly the key and text `start`/`step` will emit. The phone
// runtime synthesizes these ahead of calls (pre-warm), so the greeting starts at once and the
// apology can play even when the voice provider is down.
import type { CompiledFlow } from '../compiled';
import type { FlowNode } from '../format/schema';
import { hasPlaceholders } from '../format/spoken-texts';
import { langOf } from '../nlu';
import { phrase, STATIC_PHRASES } from './phrases';

export interface StaticPrompt {
  readonly cacheKey: string;
  readonly text: string;
}

/** [prompt name, template] of every prompt a node may speak (names as the nodes use them). */
function nodePrompts(node: FlowNode): [string, string | undefined][] {
  switch (node.kind) {
    case 'consent':
      return [
        ['disclosure', node.disclosure],
        ['question', node.question],
        ['reprompt', node.reprompt ?? node.question],
      ];
    case 'say':
    case 'end':
      return [['text', node.text]];
    case 'intake':
      return node.fields.flatMap((f): [string, string | undefined][] => [
        [`${f.key}.prompt`, f.prompt],
        [`${f.key}.reprompt`, f.reprompt],
      ]);
    case 'branch':
      return [['prompt', node.prompt]];
    case 'callback':
      return [
        ['confirmation', node.confirmation],
        ['numberPrompt', node.numberPrompt],
        ['timePrompt', node.timePrompt],
      ];
    case 'handoff':
      return [['announce', node.announce]];
    default:
      return [];
  }
}

export function staticPrompts(flow: CompiledFlow): StaticPrompt[] {
  const lang = langOf(flow.flow.language);
  const prefix = flow.contentHash.slice(0, 16);
  const out = new Map<string, string>();
  for (const [id, node] of Object.entries(flow.nodes)) {
    for (const [name, template] of nodePrompts(node)) {
      if (template && template.trim() !== '' && !hasPlaceholders(template))
        out.set(`${prefix}:${id}:${name}`, template);
    }
  }
  for (const name of STATIC_PHRASES) out.set(`builtin:${lang}:${name}`, phrase(name, lang));
  return [...out].map(([cacheKey, text]) => ({ cacheKey, text }));
}

/**
 * The runtime's filler ("Einen Moment, bitte."), played from the cache while a provider is slow
 * (runtime/dead-air.ts). Static, so it is among staticPrompts() and warmed with them.
 */
export function fillerPrompt(flow: CompiledFlow): StaticPrompt {
  const lang = langOf(flow.flow.language);
  return { cacheKey: `builtin:${lang}:filler`, text: phrase('filler', lang) };
}
