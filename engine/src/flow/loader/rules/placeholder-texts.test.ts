import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NEW_FACT_ANSWER, NEW_QUESTION } from '../../format/starter-texts';
import { loadFlow } from '../load';

const practice = JSON.parse(
  readFileSync(new URL('../../../../../flows/arztpraxis.flow.json', import.meta.url), 'utf8'),
) as any;

describe('placeholder texts count as missing', () => {
  it.each(['…?', '...', '?', ' – '])('a question „%s“ is an error named by the step title', (text) => {
    const flow = structuredClone(practice);
    flow.nodes.personalien.fields[0].prompt = text;
    const result = loadFlow(flow);
    const found = result.diagnostics.filter((d) => d.code === 'text.placeholder');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'error', path: '/nodes/personalien/fields/0/prompt' });
    expect(found[0].message.de).toContain('„Angaben zur Person“');
    expect(found[0].message.de).not.toContain('personalien');
  });

  it('accepts real sentences, also short ones', () => {
    const flow = structuredClone(practice);
    flow.nodes.personalien.fields[0].prompt = 'Name?';
    expect(loadFlow(flow).diagnostics.filter((d) => d.code === 'text.placeholder')).toEqual([]);
  });

  it('the designer’s starter question is one of them', () => {
    const flow = structuredClone(practice);
    flow.nodes.personalien.fields[0].prompt = NEW_QUESTION;
    expect(loadFlow(flow).diagnostics.map((d) => d.code)).toContain('text.placeholder');
  });

  it.each([NEW_FACT_ANSWER.de, NEW_FACT_ANSWER.en, `  ${NEW_FACT_ANSWER.de.toUpperCase()} `])(
    'a fact whose answer is still the starter text „%s“ is an error that says what to write',
    (answer) => {
      const flow = structuredClone(practice);
      flow.facts[0].answer = answer;
      const found = loadFlow(flow).diagnostics.filter((d) => d.code === 'text.placeholder');
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ severity: 'error', path: '/facts/0/answer' });
      expect(found[0].message.de).toContain(`„${flow.facts[0].topic}“`);
      expect(found[0].message.de).toContain('Bitte schreiben Sie die Antwort');
    },
  );
});
