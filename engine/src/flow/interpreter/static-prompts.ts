// Every prompt of a compiled flow that gets a cache key — the flow's own prompts without
// placeholders plus the interpreter's static phrases (the provider-fault apologies among them)
// in the flow's language — with exactly the key and text `start`/`step` will emit. The phone
// runtime synthesizes these ahead of calls (pre-warm), so the greeting starts at once and the
// apology can play even when the voice provider is down.
import { phrase, STATIC_PHRASES } from '../call/phrases';
import type { CompiledFlow } from '../compiled';
import { hasPlaceholders } from '../format/placeholders';
import { langOf } from '../nlu';
import { specOf } from '../nodes';

export interface StaticPrompt {
  readonly cacheKey: string;
  readonly text: string;
}

export function staticPrompts(flow: CompiledFlow): StaticPrompt[] {
  const lang = langOf(flow.flow.language);
  const prefix = flow.contentHash.slice(0, 16);
  const out = new Map<string, string>();
  for (const [id, node] of Object.entries(flow.nodes)) {
    for (const { name, text, toStaff } of specOf(node)?.prompts(node) ?? []) {
      if (!toStaff && text && text.trim() !== '' && !hasPlaceholders(text))
        out.set(`${prefix}:${id}:${name}`, text);
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
