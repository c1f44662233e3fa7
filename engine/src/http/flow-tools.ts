// The pure flow core wired for the server: the loader checks handoff targets against the
// organisation's allow-list (ids), publishing stores canonical JSON, versions diff semantically.
//
// Webhook URLs must be https (a lint rule). Only with CALLFLOW_ALLOW_LOOPBACK_WEBHOOKS=1 — for
// tests against a local receiver — may a flow use http://127.0.0.1, ::1 or localhost: the flow
// is checked as if it said https and compiled with its real URL. Never enable it in production.
import type { LoadResult } from '../flow/compiled';
import { diffFlows } from '../flow/diff/index';
import { canonicalJson, loadFlow } from '../flow/index';
import type { HandoffTarget } from '../store/types';
import type { FlowTools } from './deps';

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** http://127.0.0.1, ::1 or localhost: allowed as a webhook only with CALLFLOW_ALLOW_LOOPBACK_WEBHOOKS. */
export function isLoopbackHttp(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname);
  } catch {
    return false;
  }
}

function loopbackHttpWebhook(input: unknown): string | undefined {
  const url = (input as { settings?: { delivery?: { webhookUrl?: unknown } } } | null)?.settings?.delivery
    ?.webhookUrl;
  return typeof url === 'string' && isLoopbackHttp(url) ? url : undefined;
}

function loadAllowingLoopback(input: unknown, load: (i: unknown) => LoadResult): LoadResult {
  const original = loopbackHttpWebhook(input);
  if (!original) return load(input);
  const copy = structuredClone(input) as { settings: { delivery: { webhookUrl: string } } };
  copy.settings.delivery.webhookUrl = original.replace(/^http:/, 'https:');
  const result = load(copy);
  if (result.ok) (result.compiled.flow.settings.delivery as { webhookUrl?: string }).webhookUrl = original;
  return result;
}

export function createFlowTools(options: { allowLoopbackWebhooks: boolean }): FlowTools {
  const load = (input: unknown, targets: readonly HandoffTarget[]): LoadResult => {
    const run = (i: unknown) => loadFlow(i, { handoffTargets: targets.map((t) => t.id) });
    return options.allowLoopbackWebhooks ? loadAllowingLoopback(input, run) : run(input);
  };
  return {
    load,
    canonicalJson: (flow) => canonicalJson(flow),
    diff: (before, after) => diffFlows(before, after),
  };
}

/** The production default: https webhooks only. */
export const flowTools: FlowTools = createFlowTools({ allowLoopbackWebhooks: false });
