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
    const c = readConfig({ CALLFLOW_PURGE_INTERVAL_MS: '1000', CALLFLOW_DELIVERY_INTERVAL_MS: '250', CALLFLOW_TEST_FREEZE_AT: 'shred' }, '/repo');
    expect(c).toMatchObject({ purgeIntervalMs: 1000, deliveryIntervalMs: 250, testFreezeAt: 'shred' });
    expect(() => readConfig({ CALLFLOW_PURGE_INTERVAL_MS: '0' }, '/repo')).toThrow(ConfigError);
    expect(() => readConfig({ CALLFLOW_TEST_FREEZE_AT: 'everywhere' }, '/repo')).toThrow(/CALLFLOW_TEST_FREEZE_AT/);
  });
});
