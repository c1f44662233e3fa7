import { afterAll, describe, expect, it } from 'vitest';
import { i18next } from '.';

const say = async (lang: 'de' | 'en', key: string, options: Record<string, unknown>) => {
  await i18next.changeLanguage(lang);
  return i18next.t(key, options);
};

describe('counts read as one and as many, never „1 Anrufe“', () => {
  afterAll(() => i18next.changeLanguage('de'));

  it('names calls in the analytics chart and on a step’s badge', async () => {
    expect(await say('de', 'analytics.callsN', { count: 1 })).toBe('1 Anruf');
    expect(await say('de', 'analytics.callsN', { count: 7 })).toBe('7 Anrufe');
    expect(await say('en', 'analytics.callsN', { count: 1 })).toBe('1 call');
    expect(await say('en', 'analytics.callsN', { count: 0 })).toBe('0 calls');
    expect(await say('de', 'analytics.badgeTitle', { count: 1, hungUp: 1 })).toBe(
      '1 Anruf hat diesen Schritt erreicht; hier aufgelegt: 1.',
    );
    expect(await say('en', 'analytics.badgeTitle', { count: 3, hungUp: 1 })).toBe(
      '3 calls reached this step; hung up here: 1.',
    );
  });

  it('sizes an organisation for the operator', async () => {
    const size = async (lang: 'de' | 'en', members: number, flows: number) =>
      say(lang, 'admin.size', {
        members: await say(lang, 'admin.members', { count: members }),
        flows: await say(lang, 'admin.flows', { count: flows }),
      });
    expect(await size('de', 1, 1)).toBe('1 Person, 1 Anrufablauf');
    expect(await size('de', 2, 0)).toBe('2 Personen, 0 Anrufabläufe');
    expect(await size('en', 1, 3)).toBe('1 person, 3 call flows');
  });

  it('counts checked checkpoints and running test calls', async () => {
    expect(await say('de', 'receipts.checkpoints.checked', { count: 1 })).toBe(
      '1 Kontrollpunkt abgeglichen.',
    );
    expect(await say('en', 'receipts.checkpoints.checked', { count: 2 })).toBe('2 checkpoints compared.');
    expect(await say('de', 'voiceCall.limit', { count: 1 })).toMatch(/^Es läuft schon ein Probeanruf/);
    expect(await say('en', 'voiceCall.limit', { count: 2 })).toMatch(/^2 test calls/);
  });
});
