// The example flows are what tenants copy. Besides loading cleanly and being canonical, their
// "human, please" words must not hijack ordinary concerns: keywords match word prefixes anywhere
// in a sentence, so a bare "Anwalt" or "Person" would transfer a caller who only describes a case.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../engine/src/flow/canonical';
import type { Flow } from '../../engine/src/flow/format/schema';
import { loadFlow } from '../../engine/src/flow/loader/load';
import { isHumanRequest, langOf, matchKeywords } from '../../engine/src/flow/nlu/index';

const root = resolve(import.meta.dirname, '../..');
const text = (id: string) => readFileSync(resolve(root, 'flows', `${id}.flow.json`), 'utf8');
const flow = (id: string) => JSON.parse(text(id)) as Flow;

const concerns: Record<string, string[]> = {
  arztpraxis: [
    'Ich brauche einen Termin für eine andere Person, meine Tochter',
    'Ich brauche ein Folgerezept',
    'Mein Personalausweis liegt noch bei Ihnen',
  ],
  kanzlei: [
    'Ich brauche einen Anwalt für Arbeitsrecht',
    'Mein Vermieter will die Miete erhöhen',
    'Es geht um eine Person, die mir Geld schuldet',
  ],
  'support-desk': [
    'My personal details on the invoice are wrong',
    'The login page shows an error',
    'I was charged twice this month',
  ],
};

const requests: Record<string, string[]> = {
  arztpraxis: [
    'Kann ich mit einer Person sprechen?',
    'Ich möchte mit der Rezeption sprechen',
    'Bitte einen Menschen',
  ],
  kanzlei: [
    'Kann ich bitte direkt mit einer Anwältin sprechen?',
    'Ich möchte einen Anwalt sprechen',
    'Verbinden Sie mich mit dem Sekretariat',
  ],
  'support-desk': ['Can I talk to a real person please?', 'I want a human', 'Put me through to an agent'],
};

describe.each(Object.keys(concerns))('example flow %s', (id) => {
  it('loads without any problem or warning and is canonical', () => {
    const result = loadFlow(text(id));
    expect(result.diagnostics).toEqual([]);
    expect(result.ok).toBe(true);
    expect(canonicalJson(JSON.parse(text(id)))).toBe(text(id));
  });

  it('does not take an ordinary concern for a request to speak to someone', () => {
    const f = flow(id);
    for (const said of concerns[id])
      expect(isHumanRequest(said, langOf(f.language), f.humanEscape.keywords), said).toBe(false);
  });

  it('does recognise a request to speak to someone', () => {
    const f = flow(id);
    for (const said of requests[id])
      expect(isHumanRequest(said, langOf(f.language), f.humanEscape.keywords), said).toBe(true);
  });

  it('has a layout position for every step and none for steps that do not exist', () => {
    const f = flow(id);
    expect(Object.keys(f.layout?.nodes ?? {}).sort()).toEqual(Object.keys(f.nodes).sort());
  });
});

describe('doctor’s office emergency words', () => {
  it('fire on the ways callers describe an emergency', () => {
    const [trigger] = flow('arztpraxis').triggers;
    for (const said of [
      'Ich habe starke Schmerzen in der Brust',
      'Mein Mann ist bewusstlos',
      'Ich bekomme keine Luft',
      'Das ist ein Notfall',
    ]) {
      expect(matchKeywords(said, trigger.keywords, 'de'), said).not.toBeNull();
    }
    expect(matchKeywords('Das ist kein Notfall, nur ein Rezept', trigger.keywords, 'de')).toBeNull();
  });
});
