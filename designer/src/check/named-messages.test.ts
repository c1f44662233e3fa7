import { describe, expect, it } from 'vitest';
import { FIXTURE_FLOW } from '../graph/fixture.test-flow';
import { namesOf, withNames } from './named-messages';
import { runCheck } from './run';

describe('checker messages by name', () => {
  const de = namesOf(FIXTURE_FLOW, 'de');

  it('quoted ids of steps, details, paths and triggers become names; untitled steps their kind', () => {
    expect(withNames('Der Schritt „weiche“ verwendet die Angabe „symptome“.', de)).toBe(
      'Der Schritt „Weiche“ verwendet die Angabe „Beschwerden“.',
    );
    expect(withNames('Die Möglichkeit „dringend“ und der Auslöser „notfall“.', de)).toBe(
      'Die Möglichkeit „Dringend“ und der Auslöser „Notfall“.',
    );
    expect(withNames('Step “weiterleitung” is never reached.', namesOf(FIXTURE_FLOW, 'en'))).toBe(
      'Step “transfer to staff” is never reached.',
    );
  });

  it('leaves quoted words that are no id of the flow alone', () => {
    expect(withNames('Bitte sagen Sie „Ja“ oder „nein“; „default“ ist vergeben.', de)).toBe(
      'Bitte sagen Sie „Ja“ oder „nein“; „default“ ist vergeben.',
    );
  });

  it('the live check hands out its messages by name, in both languages', () => {
    const flow = structuredClone(FIXTURE_FLOW);
    flow.nodes.weiche = { ...flow.nodes.weiche, default: '' } as typeof flow.nodes.weiche;
    const { diagnostics } = runCheck({ revision: 1, flow, handoffTargets: null });
    const about = diagnostics.filter((d) => d.nodeId === 'weiche');
    expect(about.length).toBeGreaterThan(0);
    for (const d of about) {
      expect(d.message.de).not.toMatch(/[„“"]weiche[“”"]/);
      expect(d.message.en).not.toMatch(/[„“"]weiche[“”"]/);
    }
    expect(about.map((d) => d.message.de).join(' ')).toContain('„Weiche“');
  });
});
