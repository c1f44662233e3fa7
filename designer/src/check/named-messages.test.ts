import { describe, expect, it } from 'vitest';
import { FIXTURE_FLOW } from '../graph/fixture.test-flow';
import { namesOf, withNames } from './named-messages';

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
});
