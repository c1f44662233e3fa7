import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createMetrics } from './registry';
import { metricsRoute, metricsSettings } from './route';

function app(access: { token?: string; trustProxy: boolean }) {
  const metrics = createMetrics({ defaultMetrics: false });
  metrics.turns.inc(3);
  const a = new Hono();
  metricsRoute(a, { metrics, ...access });
  const from = (remoteAddress: string, headers: Record<string, string> = {}) =>
    a.request('/metrics', { headers }, { incoming: { socket: { remoteAddress } } });
  return { from };
}

describe('GET /metrics', () => {
  it('answers loopback scrapers without a token, nobody else', async () => {
    const { from } = app({ trustProxy: false });
    const ok = await from('127.0.0.1');
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('callflow_turns_total 3');
    expect((await from('::1')).status).toBe(200);
    expect((await from('203.0.113.9')).status).toBe(404);
  });

  it('behind a trusted proxy (everything looks like loopback) answers only with the token', async () => {
    expect((await app({ trustProxy: true }).from('127.0.0.1')).status).toBe(404);
    const { from } = app({ token: 's3cret', trustProxy: true });
    expect((await from('127.0.0.1')).status).toBe(404);
    expect((await from('203.0.113.9', { Authorization: 'Bearer s3cret' })).status).toBe(200);
  });

  it('is on with CALLFLOW_METRICS=1 or a token, off otherwise', () => {
    expect(metricsSettings({})).toEqual({ enabled: false });
    expect(metricsSettings({ CALLFLOW_METRICS: '1' })).toEqual({ enabled: true });
    expect(metricsSettings({ CALLFLOW_METRICS_TOKEN: ' t ' })).toEqual({ enabled: true, token: 't' });
  });
});
