import { describe, expect, it } from 'vitest';
import { fillerPrompt, staticPrompts } from './static-prompts';
import { baseFlow, compiled, drive, flowWith, SATURDAY_10, type TestInput } from './testing';

/** Every cacheable `say` a call emits, as cacheKey → text. */
function cacheableSays(d: ReturnType<typeof drive>): Map<string, string> {
  return new Map(
    d.actions.flatMap((a) => (a.type === 'say' && a.cacheKey ? [[a.cacheKey, a.text] as const] : [])),
  );
}

describe('staticPrompts', () => {
  const flow = flowWith({
    fragen: {
      kind: 'intake',
      fields: [
        {
          key: 'name',
          label: 'Name',
          type: 'name',
          prompt: 'Wie heißen Sie?',
          reprompt: 'Bitte nennen Sie Ihren Namen.',
        },
        { key: 'anliegen', label: 'Anliegen', type: 'text', prompt: 'Danke, {name}. Worum geht es?' },
      ],
      next: 'tschuess',
    },
  });
  const list = new Map(staticPrompts(flow).map((p) => [p.cacheKey, p.text]));

  it.each<[string, TestInput[], number?]>([
    ['a full call', ['ja', 'äh', 'Anna Schmidt', 'Rezept']],
    ['silence and a refusal', [{ silence: true }, 'nein', { handoff: 'busy' }]],
    ['a provider fault', ['ja', { fault: 'tts' }, { handoff: 'no-answer' }]],
    ['a fault when closed', ['ja', { fault: 'stt' }], SATURDAY_10],
  ])('covers every cacheable prompt with the same key and text: %s', (_name, inputs, startedAt) => {
    const said = cacheableSays(drive(flow, inputs, startedAt ? { startedAt } : {}));
    expect(said.size).toBeGreaterThan(0);
    for (const [key, text] of said) expect(list.get(key)).toBe(text);
  });

  it("leaves out prompts with caller data, and has the apology in the flow's language", () => {
    expect([...list.values()].some((t) => t.includes('{name}'))).toBe(false);
    expect(list.get('builtin:de:technicalFault')).toMatch(
      /^Entschuldigung, wir haben gerade eine technische Störung/,
    );
    const english = staticPrompts(compiled({ ...baseFlow(), language: 'en-US' }));
    expect(english.find((p) => p.cacheKey === 'builtin:en:technicalFault')?.text).toMatch(
      /technical problem/,
    );
    expect(english.some((p) => p.cacheKey.startsWith('builtin:de:'))).toBe(false);
  });

  it("lists the runtime's filler in the flow's language, so it is warmed with the rest", () => {
    expect(fillerPrompt(flow)).toEqual({ cacheKey: 'builtin:de:filler', text: 'Einen Moment, bitte.' });
    expect(list.get('builtin:de:filler')).toBe('Einen Moment, bitte.');
    const english = compiled({ ...baseFlow(), language: 'en-GB' });
    expect(staticPrompts(english)).toContainEqual(fillerPrompt(english));
    expect(fillerPrompt(english).text).toBe('One moment, please.');
  });
});
