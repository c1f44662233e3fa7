// Pre-warm of the phone runtime's prompt cache: when a version is published (or a number bound
// to it) and at start for the versions bound to numbers, its static prompts are synthesized in
// the flow's voice — the provider-fault apologies first, since they must play exactly when the
// voice vendor is failing. Fire-and-forget for the caller: never awaited by a publish, never
// throws; a failure is one log line with a PII-free code.
import type { CompiledFlow, LoadResult } from '../flow/compiled';
import { staticPrompts, type StaticPrompt } from '../flow/interpreter';
import type { Logger } from '../log/index';
import type { WarmResult } from '../runtime/prompt-warmer';
import type {
  HandoffTarget,
  HandoffTargetRepository,
  NumberRepository,
  VersionRepository,
} from '../store/types';
import type { PhoneRuntime } from './phone-runtime';

/** What warming a compiled flow uses; without a phone runtime nothing is warmed. */
export interface PrewarmDeps {
  readonly phone?: Pick<PhoneRuntime, 'voiceId' | 'warmer'>;
  readonly logger: Logger;
}

/** What warming stored versions uses besides: the versions, their numbers and the allow-list. */
export interface StoredPrewarmDeps extends PrewarmDeps {
  readonly store: {
    readonly handoffTargets: Pick<HandoffTargetRepository, 'list'>;
    readonly numbers: Pick<NumberRepository, 'list'>;
    readonly versions: Pick<VersionRepository, 'get' | 'latest'>;
  };
  readonly flowTools: {
    readonly load: (input: unknown, handoffTargets: readonly HandoffTarget[]) => LoadResult;
  };
}

/** Phrases that must be cached before any call needs them (provider faults, the filler for slow ones). */
const URGENT =
  /^builtin:[a-z]+:(technicalFault|technicalFaultEnd|hearingFault|hearingFaultEnd|faultNobodyAvailable|filler)$/;

const urgentFirst = (prompts: StaticPrompt[]) => [
  ...prompts.filter((p) => URGENT.test(p.cacheKey)),
  ...prompts.filter((p) => !URGENT.test(p.cacheKey)),
];

/** Warms one compiled flow in its voice. Resolves undefined without a phone runtime. */
export async function prewarmFlow(
  deps: PrewarmDeps,
  compiled: CompiledFlow,
): Promise<WarmResult | undefined> {
  const phone = deps.phone;
  if (!phone) return undefined;
  // The same voice openPhoneCall gives the CallSession (phone-call.ts), so the cache keys match.
  const voice = {
    voiceId: compiled.flow.settings.providers.voiceId ?? phone.voiceId,
    languageCode: compiled.flow.language,
  };
  try {
    const result = await phone.warmer.warm(urgentFirst(staticPrompts(compiled)), voice);
    if (result.failed > 0)
      deps.logger.warn('twilio.prewarm', {
        outcome: 'error',
        code: 'prewarm_tts_failed',
        count: result.failed,
      });
    else deps.logger.info('twilio.prewarm', { outcome: 'ok', count: result.warmed });
    return result;
  } catch {
    deps.logger.warn('twilio.prewarm', { outcome: 'error', code: 'prewarm_failed' });
    return undefined;
  }
}

/** Starts warming in the background (publish, number binding): the caller never waits. */
export function prewarmInBackground(deps: PrewarmDeps, compiled: CompiledFlow): void {
  if (deps.phone) void prewarmFlow(deps, compiled);
}

/** A stored version (number binding): compiled and warmed in the background. */
export function prewarmVersionInBackground(
  deps: StoredPrewarmDeps,
  tenantId: string,
  version: { canonicalJson: string },
): void {
  if (!deps.phone) return;
  void (async () => {
    const loaded = deps.flowTools.load(
      JSON.parse(version.canonicalJson) as unknown,
      await deps.store.handoffTargets.list(tenantId),
    );
    if (loaded.ok) await prewarmFlow(deps, loaded.compiled);
  })().catch(() =>
    deps.logger.warn('twilio.prewarm', { outcome: 'error', code: 'prewarm_failed', tenantId }),
  );
}

/**
 * At start: every version bound to a number of these organisations, one flow after another (the
 * warmer bounds the syntheses). Resolves when done; never rejects.
 */
export async function prewarmBoundNumbers(
  deps: StoredPrewarmDeps,
  tenantIds: readonly string[],
): Promise<void> {
  if (!deps.phone) return;
  for (const tenantId of tenantIds) {
    try {
      const targets = await deps.store.handoffTargets.list(tenantId);
      for (const binding of await deps.store.numbers.list(tenantId)) {
        const version =
          binding.version === null
            ? await deps.store.versions.latest(tenantId, binding.flowId)
            : await deps.store.versions.get(tenantId, binding.flowId, binding.version);
        const loaded = version
          ? deps.flowTools.load(JSON.parse(version.canonicalJson) as unknown, targets)
          : undefined;
        if (loaded?.ok) await prewarmFlow(deps, loaded.compiled);
      }
    } catch {
      deps.logger.warn('twilio.prewarm', { outcome: 'error', code: 'prewarm_bindings_failed', tenantId });
    }
  }
}
