// One phone call's CallSession, composed from the phone runtime's vendors: the published version
// (compiled once, compiled-flows.ts), the caller ID the voice webhook remembered, transfer
// targets with whisper texts kept in RAM, the record handed to the privacy core, and counts-only
// observers for analytics and metrics. The transport (transports/twilio/media-socket.ts) calls
// it only after the stream token was verified, and gives it the socket's sink.
import { randomUUID } from 'node:crypto';
import type { AnalyticsRecorder, CallScope } from '../analytics/service';
import { trackCall, type CallTracker } from '../analytics/track';
import type { CompiledFlow, LoadResult } from '../flow/compiled';
import type { CallEvent } from '../flow/interpreter';
import type { Logger } from '../log/index';
import type { Metrics } from '../metrics/registry';
import { systemClock } from '../ports/clock';
import { FrameTicker } from '../audio/frame-ticker';
import type { RecordsServices } from '../records/services';
import { CallSession, type CallObserverHooks, type CallSessionDeps } from '../runtime/call-session';
import type { Telephony } from '../ports/telephony';
import type { HandoffTarget, HandoffTargetRepository, VersionRepository } from '../store/types';
import type { CompiledVersion } from './compiled-flows';
import { rememberWhisper, takeCaller, type PhoneRuntime } from './phone-runtime';

/** Exactly what composing a phone call uses of the app's dependencies. */
/** Every phone call of the process paces its audio on this one 20 ms tick. */
const lineTicker = new FrameTicker(systemClock);

export interface PhoneCallDeps {
  readonly store: {
    readonly handoffTargets: Pick<HandoffTargetRepository, 'list'>;
    readonly versions: Pick<VersionRepository, 'get'>;
  };
  readonly flowTools: {
    readonly load: (input: unknown, handoffTargets: readonly HandoffTarget[]) => LoadResult;
  };
  readonly records: Pick<RecordsServices, 'accept'>;
  readonly logger: Logger;
  readonly now: () => number;
  readonly analytics?: AnalyticsRecorder;
  readonly metrics?: { readonly metrics: Metrics };
}

/** The call a verified stream carries (what its stream token was signed for). */
export interface PhoneCallGrant {
  readonly callSid: string;
  readonly tenantId: string;
  readonly flowId: string;
  readonly version: number;
}

/** Where the phone network fetches a transfer's whisper and reports the dial's outcome. */
export interface TransferCallbacks {
  readonly whisperUrl: (whisperId: string) => string;
  readonly dialActionUrl: string;
  /** Where Twilio reports the end of a transferred call (it names this process). */
  readonly statusCallbackUrl?: string;
}

/** A CallSession for the granted call, not yet started; undefined when the version cannot be loaded. */
export async function openPhoneCall(
  deps: PhoneCallDeps,
  phone: PhoneRuntime,
  grant: PhoneCallGrant,
  sink: CallSessionDeps['sink'],
  callbacks: TransferCallbacks,
): Promise<CallSession | undefined> {
  const loaded = await compiledFor(deps, phone, grant);
  if (!loaded) return undefined;
  return composeCall(deps, phone, {
    loaded,
    scope: { tenantId: grant.tenantId, flowId: grant.flowId, version: grant.version },
    callSid: grant.callSid,
    sink,
    callerNumber: takeCaller(phone, grant.callSid, deps.now()),
    transfers: callbacks,
  });
}

/**
 * A test call from the designer (browser transport): the same composition as a phone call, with
 * a simulated phone network. Marked as a test everywhere (record, analytics `source: 'test'`, its
 * own log events) and no metrics: test calls are counted apart from real traffic.
 */
export interface TestCallOptions {
  /** Transfers are answered by the person testing („angenommen / niemand nimmt ab"). */
  readonly telephony: Telephony;
  /** Deliver the finished note like a real call's (as a test note); else nothing is delivered. */
  readonly deliver: boolean;
  /** Watches the steps for the designer (current step, what was understood). */
  readonly watch?: CallObserverHooks;
}

/** What composing one call's session takes: the compiled flow, who it is for, and its line. */
export interface CallComposition {
  readonly loaded: CompiledVersion;
  /** Version null = the draft (only test calls run drafts). */
  readonly scope: { readonly tenantId: string; readonly flowId: string; readonly version: number | null };
  readonly callSid: string;
  readonly sink: CallSessionDeps['sink'];
  readonly callerNumber?: string | undefined;
  /** Phone calls: where Twilio fetches the whisper and reports the dial (absent for test calls). */
  readonly transfers?: TransferCallbacks;
  readonly test?: TestCallOptions;
}

/** The one place a call's CallSession is put together, for phone and test calls alike. */
export function composeCall(deps: PhoneCallDeps, phone: PhoneRuntime, call: CallComposition): CallSession {
  const { compiled, targets } = call.loaded;
  const { settings } = compiled.flow;
  const { test, callerNumber, transfers } = call;
  const events = test ? TEST_EVENTS : PHONE_EVENTS;
  const txId = `tx_${randomUUID().replaceAll('-', '')}`;
  const scope = { txId, tenantId: call.scope.tenantId, flowId: call.scope.flowId };
  const logScope = call.scope.version === null ? scope : { ...scope, version: call.scope.version };
  deps.logger.info(events.stream, { ...logScope, outcome: 'started' });
  const startedAt = deps.now();
  const metrics = test ? undefined : deps.metrics?.metrics;
  const observer = callObserver(deps, compiled, metrics, {
    ...call.scope,
    zeroPersistence: settings.zeroPersistence,
    ...(test ? { source: 'test' as const } : {}),
  });
  return new CallSession({
    flow: compiled,
    context: {
      txId,
      startedAt,
      channel: 'phone',
      ...(test ? { test: true } : {}),
      ...(callerNumber ? { callerNumber } : {}),
    },
    callSid: call.callSid,
    stt: phone.stt,
    tts: phone.tts,
    telephony: test?.telephony ?? phone.telephony,
    ...(phone.extractor ? { extractor: phone.extractor } : {}),
    ...(phone.answerer ? { answerer: phone.answerer } : {}),
    sink: call.sink,
    clock: systemClock,
    ticker: lineTicker,
    now: deps.now,
    voice: {
      voiceId: settings.providers.voiceId ?? phone.voiceId,
      languageCode: compiled.flow.language,
      // Zero persistence at the vendor too, where the plan offers it (prompts with caller data).
      ...(settings.zeroPersistence && phone.elevenLabsZeroRetention ? { enableLogging: false } : {}),
    },
    cache: phone.cache,
    resolveTarget: (id, whisper) => {
      const number = targets.get(id);
      if (!number) return undefined;
      // A simulated transfer rings nobody: no whisper is kept for a fetch that never comes.
      if (!transfers) return { number, whisperUrl: '', actionUrl: '' };
      const whisperId = randomUUID();
      rememberWhisper(phone, whisperId, whisper, compiled.flow.language, deps.now(), call.callSid);
      return {
        number,
        whisperUrl: transfers.whisperUrl(whisperId),
        actionUrl: transfers.dialActionUrl,
        ...(transfers.statusCallbackUrl ? { statusCallbackUrl: transfers.statusCallbackUrl } : {}),
      };
    },
    deliver: (record) => {
      if (test && !test.deliver) return; // a test call's note only when asked for
      void deps.records
        .accept({
          tenantId: call.scope.tenantId,
          flowId: call.scope.flowId,
          flowVersion: call.scope.version,
          record: test ? { ...record, test: true } : record,
          ...(callerNumber ? { callerNumber } : {}),
          retention: settings.retention,
          zeroPersistence: settings.zeroPersistence,
          delivery: {
            inbox: settings.delivery.inbox,
            ...(settings.delivery.webhookUrl ? { webhookUrl: settings.delivery.webhookUrl } : {}),
          },
        })
        .then(
          () => deps.logger.info(events.record, { ...logScope, outcome: 'ok', ms: deps.now() - startedAt }),
          () =>
            deps.logger.error(events.record, { ...logScope, outcome: 'error', code: 'record_accept_failed' }),
        );
    },
    onFault: (code) => {
      deps.logger.warn(events.fault, { ...logScope, outcome: 'fallback', code });
      const stage = faultStage(code);
      if (stage) metrics?.providerErrors.inc({ provider: PROVIDER_OF[stage], stage });
    },
    onRetry: (stage) => {
      deps.logger.info(events.retry, { ...logScope, outcome: 'retry', stage });
      metrics?.providerRetries.inc({ provider: PROVIDER_OF[stage], stage });
    },
    observer: {
      ...joinObservers(observer, test?.watch),
      onFiller: (provider) =>
        deps.logger.info(events.filler, { ...logScope, outcome: 'fallback', stage: provider }),
    },
    turnTaking: phone.turnTaking,
    ...(phone.leadMs !== undefined ? { leadMs: phone.leadMs } : {}),
  });
}

/** Phone calls keep their `twilio.*` event names (the load harness counts them); test calls have their own. */
const PHONE_EVENTS = {
  stream: 'twilio.stream',
  record: 'twilio.record',
  fault: 'twilio.fault',
  retry: 'twilio.retry',
  filler: 'twilio.filler',
} as const;
const TEST_EVENTS = {
  stream: 'voicetest.call',
  record: 'voicetest.record',
  fault: 'voicetest.fault',
  retry: 'voicetest.retry',
  filler: 'voicetest.filler',
} as const;

function joinObservers(a: CallObserverHooks, b: CallObserverHooks | undefined): CallObserverHooks {
  if (!b) return a;
  return {
    onStart: (first) => (a.onStart?.(first), b.onStart?.(first)),
    onStep: (before, event, after, info) => (
      a.onStep?.(before, event, after, info),
      b.onStep?.(before, event, after, info)
    ),
    onTurnTiming: (timing) => (a.onTurnTiming?.(timing), b.onTurnTiming?.(timing)),
    onEnd: () => (a.onEnd?.(), b.onEnd?.()),
  };
}

/**
 * The published version, compiled once per allow-list (compiled-flows.ts). The allow-list is read
 * per call: a target removed a second ago must not be dialled.
 */
export async function compiledFor(
  deps: PhoneCallDeps,
  phone: PhoneRuntime,
  grant: Pick<PhoneCallGrant, 'tenantId' | 'flowId' | 'version'>,
): Promise<CompiledVersion | undefined> {
  const targets = await deps.store.handoffTargets.list(grant.tenantId);
  const key = JSON.stringify([grant.tenantId, grant.flowId, grant.version, targets]);
  return phone.compiledFlows.get(key, async () => {
    const version = await deps.store.versions.get(grant.tenantId, grant.flowId, grant.version);
    if (!version) return undefined;
    const result = deps.flowTools.load(JSON.parse(version.canonicalJson) as unknown, targets);
    return result.ok
      ? { compiled: result.compiled, targets: new Map(targets.map((t) => [t.id, t.number])) }
      : undefined;
  });
}

/** Caller turns as the metrics count them: what the caller said or keyed. */
const CALLER_TURNS: ReadonlySet<CallEvent['type']> = new Set(['utterance', 'dtmf']);
type Stage = 'stt' | 'tts' | 'llm' | 'telephony';
/** The phone runtime's vendors (phone-runtime.ts) per stage: a closed label set. */
const PROVIDER_OF: Record<Stage, string> = {
  stt: 'google',
  tts: 'elevenlabs',
  llm: 'openai',
  telephony: 'twilio',
};

/** CallSession fault codes → provider stage; undefined for our own faults (no provider involved). */
function faultStage(code: string): Stage | undefined {
  const prefix = /^(stt|tts|llm)_/.exec(code)?.[1] as Stage | undefined;
  if (prefix) return prefix;
  return code === 'runtime_error' || code === 'transfer_target_unknown' ? undefined : 'telephony';
}

/**
 * Counts only: the analytics tracker (memory-only for zero-persistence flows, decided by the
 * service from the scope) and the Prometheus metrics. Nothing of the caller's words goes in.
 */
function callObserver(
  deps: PhoneCallDeps,
  compiled: CompiledFlow,
  metrics: Metrics | undefined,
  scope: CallScope,
): CallObserverHooks {
  let tracker: CallTracker | undefined;
  let live = false;
  const onError = () =>
    deps.logger.error('twilio.analytics', { outcome: 'error', code: 'analytics_record_failed' });
  return {
    onStart(first) {
      if (deps.analytics) tracker = trackCall(compiled, first, scope, deps.analytics, onError);
      live = true;
      metrics?.activeCalls.inc();
    },
    onStep(before, event, after, info) {
      try {
        tracker?.step(
          before,
          event,
          after,
          CALLER_TURNS.has(event.type) ? { engineLatencyMs: info.engineLatencyMs } : {},
        );
      } catch {
        onError(); // a broken observer never ends the call
      }
      if (CALLER_TURNS.has(event.type)) metrics?.turns.inc();
    },
    onTurnTiming(timing) {
      metrics?.turnLatency.observe(timing.engineMs / 1000);
      metrics?.turnProviderWait.observe(timing.providerMs / 1000);
    },
    onEnd() {
      if (!live) return;
      live = false;
      metrics?.activeCalls.dec();
    },
  };
}
