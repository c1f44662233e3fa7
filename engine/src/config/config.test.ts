import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from './config';

describe('privacy-core configuration', () => {
  it('has defaults for the purge and delivery intervals and no freeze point', () => {
    const c = readConfig({}, '/repo');
    expect(c.purgeIntervalMs).toBe(600_000);
    expect(c.deliveryIntervalMs).toBe(5_000);
    expect(c.testFreezeAt).toBeUndefined();
  });

  it('reads them from the environment and refuses nonsense by variable name', () => {
    const c = readConfig(
      {
        CALLFLOW_PURGE_INTERVAL_MS: '1000',
        CALLFLOW_DELIVERY_INTERVAL_MS: '250',
        CALLFLOW_TEST_FREEZE_AT: 'shred',
      },
      '/repo',
    );
    expect(c).toMatchObject({ purgeIntervalMs: 1000, deliveryIntervalMs: 250, testFreezeAt: 'shred' });
    expect(() => readConfig({ CALLFLOW_PURGE_INTERVAL_MS: '0' }, '/repo')).toThrow(ConfigError);
    expect(() => readConfig({ CALLFLOW_TEST_FREEZE_AT: 'everywhere' }, '/repo')).toThrow(
      /CALLFLOW_TEST_FREEZE_AT/,
    );
  });
});

describe('phone configuration', () => {
  const full = {
    TWILIO_ACCOUNT_SID: 'AC123',
    TWILIO_AUTH_TOKEN: 'tok',
    GOOGLE_SPEECH_ENDPOINT: '127.0.0.1:9',
    GOOGLE_SPEECH_INSECURE: '1',
    ELEVENLABS_API_KEY: 'xi',
    ELEVENLABS_VOICE_ID: 'v1',
  };

  it('is off unless Twilio, Google and ElevenLabs are all set (the server still starts)', () => {
    expect(readConfig({}, '/repo').phone).toBeUndefined();
    expect(readConfig({ ...full, ELEVENLABS_VOICE_ID: '' }, '/repo').phone).toBeUndefined();
    expect(readConfig({ ...full, GOOGLE_SPEECH_ENDPOINT: undefined }, '/repo').phone).toBeUndefined();
  });

  it('reads every vendor URL so tests can point them at fakes; OpenAI stays optional', () => {
    const phone = readConfig(
      {
        ...full,
        TWILIO_API_BASE_URL: 'http://127.0.0.1:1',
        OPENAI_API_KEY: 'sk',
        OPENAI_BASE_URL: 'http://127.0.0.1:2/v1',
      },
      '/repo',
    ).phone;
    expect(phone).toEqual({
      twilio: { accountSid: 'AC123', authToken: 'tok', apiBaseUrl: 'http://127.0.0.1:1' },
      google: { endpoint: '127.0.0.1:9', insecure: true },
      elevenlabs: { apiKey: 'xi', voiceId: 'v1', zeroRetention: false },
      openai: { apiKey: 'sk', baseURL: 'http://127.0.0.1:2/v1' },
      turnTaking: { completeWaitMs: 0, partialWaitMs: 800 },
      testCalls: { perOrganisation: 2, maxCallMs: 600_000 },
    });
    expect(readConfig(full, '/repo').phone?.openai).toBeUndefined();
    // Zero retention at ElevenLabs is a plan feature: off unless the deployment says so.
    expect(
      readConfig({ ...full, ELEVENLABS_ZERO_RETENTION: '1' }, '/repo').phone?.elevenlabs.zeroRetention,
    ).toBe(true);
    expect(() => readConfig({ ...full, TWILIO_ACCOUNT_SID: 'XY1' }, '/repo')).toThrow(/TWILIO_ACCOUNT_SID/);
  });

  it('takes the voice test-call limits from the deployment, within bounds', () => {
    const limits = (env: Record<string, string>) => readConfig({ ...full, ...env }, '/repo').phone?.testCalls;
    expect(limits({ CALLFLOW_TEST_CALLS_PER_ORG: '5', CALLFLOW_TEST_CALL_MAX_MINUTES: '3' })).toEqual({
      perOrganisation: 5,
      maxCallMs: 180_000,
    });
    expect(limits({ CALLFLOW_TEST_CALL_MAX_MINUTES: '0.1' })?.maxCallMs).toBe(6000);
    for (const bad of ['0', '0.05', '121', 'zehn'])
      expect(() => limits({ CALLFLOW_TEST_CALL_MAX_MINUTES: bad })).toThrow(/CALLFLOW_TEST_CALL_MAX_MINUTES/);
  });

  it('takes the end-of-turn waits from the deployment, within bounds', () => {
    const waits = (env: Record<string, string>) => readConfig({ ...full, ...env }, '/repo').phone?.turnTaking;
    expect(waits({ CALLFLOW_TURN_COMPLETE_WAIT_MS: '150', CALLFLOW_TURN_PARTIAL_WAIT_MS: '1200' })).toEqual({
      completeWaitMs: 150,
      partialWaitMs: 1200,
    });
    expect(() => waits({ CALLFLOW_TURN_PARTIAL_WAIT_MS: '60000' })).toThrow(/CALLFLOW_TURN_PARTIAL_WAIT_MS/);
    expect(() => waits({ CALLFLOW_TURN_COMPLETE_WAIT_MS: '-1' })).toThrow(/CALLFLOW_TURN_COMPLETE_WAIT_MS/);
  });
});
