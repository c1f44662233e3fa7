// Pre-warm of the phone runtime's prompt cache: when a version is published (or a number bound
// to it) and at start for the versions bound to numbers, its static prompts are synthesized in
// the flow's voice, the provider-fault apologies first, since they must play exactly when the
// voice vendor is failing. Every worker process has its own cache: publishing and binding tell
// the siblings to warm the same version. Fire-and-forget for the caller: never awaited by a
// publish, never throws; a failure is one log line with a PII-free code.
import type { ClusterBus } from '../cluster/bus';
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
  /** Several worker processes: publishing and binding warm every process's cache. */
  readonly bus?: ClusterBus;
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

/** The bus topic: "warm this stored version too" (each process has its own prompt cache). */
export const PREWARM_TOPIC = 'phone.prewarm';

interface SiblingPrewarm {
  tenantId: string;
  canonicalJson: string;
}

/** Publish: warms here in the background and tells the siblings; the caller never waits. */
export function prewarmInBackground(
  deps: StoredPrewarmDeps & { readonly flowTools: { readonly canonicalJson: (flow: unknown) => string } },
  tenantId: string,
  compiled: CompiledFlow,
): void {
  if (!deps.phone) return;
  void prewarmFlow(deps, compiled);
  tellSiblings(deps, { tenantId, canonicalJson: deps.flowTools.canonicalJson(compiled.flow) });
}

/** A stored version (number binding): compiled and warmed in the background, here and in the siblings. */
export function prewarmVersionInBackground(
  deps: StoredPrewarmDeps,
  tenantId: string,
  version: { canonicalJson: string },
): void {
  if (!deps.phone) return;
  warmStoredVersion(deps, tenantId, version.canonicalJson);
  tellSiblings(deps, { tenantId, canonicalJson: version.canonicalJson });
}

/** This process warms what a sibling was asked to warm (the flow's JSON, never caller data). */
export function answerSiblingPrewarm(bus: ClusterBus, deps: StoredPrewarmDeps): void {
  bus.answer(PREWARM_TOPIC, (payload) => {
    const { tenantId, canonicalJson } = payload as SiblingPrewarm;
    if (deps.phone) warmStoredVersion(deps, tenantId, canonicalJson);
  });
}

function tellSiblings(deps: StoredPrewarmDeps, prewarm: SiblingPrewarm): void {
  deps.bus?.tellOthers(PREWARM_TOPIC, prewarm);
}

function warmStoredVersion(deps: StoredPrewarmDeps, tenantId: string, canonicalJson: string): void {
  void (async () => {
    const loaded = deps.flowTools.load(
      JSON.parse(canonicalJson) as unknown,
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
