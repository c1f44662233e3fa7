import { describe, expect, it } from 'vitest';
import { validFlow } from '../../../test/server/fixtures';
import { DEMO_TARGETS } from '../store/bootstrap';
import { createFlowTools } from './flow-tools';

const withWebhook = (url: string) => {
  const flow = validFlow() as { settings: { delivery: { webhookUrl?: string } } };
  flow.settings.delivery.webhookUrl = url;
  return flow;
};
const codes = (r: { diagnostics: { code: string }[] }) => r.diagnostics.map((d) => d.code);

describe('webhook URLs must be https', () => {
  it('refuses plain http, also on loopback, by default', () => {
    const tools = createFlowTools({ allowLoopbackWebhooks: false });
    expect(codes(tools.load(withWebhook('http://127.0.0.1:9000/hook'), DEMO_TARGETS))).toContain(
      'delivery.webhook-not-https',
    );
    expect(tools.load(withWebhook('https://praxis.example/hook'), DEMO_TARGETS).ok).toBe(true);
  });

  it('allows http on loopback only with the explicit test flag, and keeps the real URL', () => {
    const tools = createFlowTools({ allowLoopbackWebhooks: true });
    const local = tools.load(withWebhook('http://127.0.0.1:9000/hook'), DEMO_TARGETS);
    expect(local.ok).toBe(true);
    if (local.ok) expect(local.compiled.flow.settings.delivery.webhookUrl).toBe('http://127.0.0.1:9000/hook');
    expect(codes(tools.load(withWebhook('http://praxis.example/hook'), DEMO_TARGETS))).toContain(
      'delivery.webhook-not-https',
    );
    expect(codes(tools.load(withWebhook('http://127.0.0.1.evil.example/hook'), DEMO_TARGETS))).toContain(
      'delivery.webhook-not-https',
    );
  });
});
