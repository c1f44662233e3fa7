// One Twilio media socket: codec → token check → (only then) a CallSession with the real
// providers → record delivered through the privacy core. Nothing here opens a vendor session
// before the stream token was verified. A stream that closes because the call was transferred
// parks the session (phone-runtime.ts); a resume token's stream re-attaches it.
import { randomUUID } from 'node:crypto';
import type { WSContext, WSEvents } from 'hono/ws';
import type { CompiledFlow } from '../../flow/compiled';
import type { CallScope } from '../../analytics/service';
import type { AppDeps } from '../../http/deps';
import { trackCall, type CallTracker } from '../../analytics/track';
import type { CallEvent } from '../../flow/interpreter';
import type { Metrics } from '../../metrics/registry';
import { systemClock } from '../../ports/clock';
import { CallSession, type CallObserverHooks } from '../../runtime/call-session';
import { clearMessage, markMessage, mediaMessage, parseTwilioMessage } from './codec';
import type { CompiledVersion } from './compiled-flows';
import { parkCall, rememberWhisper, takeCaller, type ParkedCall, type PhoneRuntime } from './phone-runtime';
import { verifyStreamToken, type StreamGrant } from './stream-token';

const socketSink = (ws: WSContext, streamSid: string) => ({
  media: (f: Uint8Array) => ws.send(mediaMessage(streamSid, f)),
  mark: (n: string) => ws.send(markMessage(streamSid, n)),
  clear: () => ws.send(clearMessage(streamSid)),
  close: () => ws.close(1000),
});

/** 1008 = policy violation: the stream was not authorised. */
const CLOSE_REJECTED = 1008;
/** A socket that has not presented a valid `start` by then is closed (no idle unauthenticated sockets). */
export const START_TIMEOUT_MS = 10_000;

export function mediaSocket(deps: AppDeps, phone: PhoneRuntime | undefined): WSEvents {
  let session: CallSession | null = null;
  /** The verified call this socket carries (for parking). */
  let grantOf: { callSid: string; scope: ParkedCall['scope'] } | undefined;
  let state: 'waiting' | 'starting' | 'live' | 'over' = 'waiting';
  const log = deps.logger;
  let startTimer: NodeJS.Timeout | undefined;
  return {
    onOpen(_evt, ws) {
      startTimer = setTimeout(() => {
        if (state !== 'waiting') return;
        state = 'over';
        log.warn('twilio.stream', { outcome: 'timeout', reason: 'no_start' });
        ws.close(CLOSE_REJECTED, 'no start');
      }, phone?.startTimeoutMs ?? START_TIMEOUT_MS);
    },
    onMessage(evt, ws) {
      const parsed = parseTwilioMessage(String(evt.data));
      if (!parsed.ok) return;
      const msg = parsed.message;
      if (msg.type === 'start' && state === 'waiting') {
        const token = msg.customParameters.token;
        const now = deps.now();
        const grant = phone ? verifyStreamToken(phone.tokenKey, token, msg.callSid, now) : undefined;
        // Single use: a second socket with this token (at once or later) opens nothing.
        const refused = !phone
          ? 'not_configured'
          : !grant || !token
            ? 'bad_token'
            : !phone.usedTokens.claim(token, grant.expiresAt, now)
              ? 'token_used'
              : undefined;
        if (!phone || !grant || refused) {
          state = 'over';
          log.warn('twilio.stream', { outcome: 'rejected', reason: refused });
          return ws.close(CLOSE_REJECTED, 'unauthorized');
        }
        grantOf = {
          callSid: grant.callSid,
          scope: { tenantId: grant.tenantId, flowId: grant.flowId, version: grant.version },
        };
        if (grant.resume) {
          session = resume(deps, phone, grant, msg.streamSid, ws);
          state = session ? 'live' : 'over';
          return;
        }
        state = 'starting';
        void open(deps, phone, grant, msg.streamSid, ws).then(
          (s) => {
            if (state !== 'starting') return void s?.onHangup(); // caller hung up meanwhile
            if (!s) return void ((state = 'over'), ws.close(1011, 'flow unavailable'));
            session = s;
            state = 'live';
            s.start();
          },
          () => ((state = 'over'), ws.close(1011, 'error')),
        );
      } else if (msg.type === 'media') session?.onAudio(msg.audio);
      else if (msg.type === 'mark') session?.onMark(msg.name);
      else if (msg.type === 'dtmf') session?.onDtmf(msg.digit);
      else if (msg.type === 'stop') end();
    },
    onClose: () => end(),
  };

  function end(): void {
    clearTimeout(startTimer);
    state = 'over';
    const s = session;
    session = null;
    const handoff = s?.awaitingHandoff;
    // Twilio closes the stream when the transfer takes the call: the conversation waits.
    if (s && handoff && phone && grantOf)
      return parkCall(phone, grantOf.callSid, { session: s, scope: grantOf.scope }, handoff.ringSeconds);
    s?.onHangup();
  }
}

/**
 * A resume token's stream: the parked call of the same CallSid (and the same tenant, flow and
 * version) continues here with the transfer's outcome; otherwise the stream is closed.
 */
function resume(
  deps: AppDeps,
  phone: PhoneRuntime,
  grant: StreamGrant,
  streamSid: string,
  ws: WSContext,
): CallSession | null {
  const parked = phone.parked.peek(grant.callSid);
  const same =
    parked &&
    parked.scope.tenantId === grant.tenantId &&
    parked.scope.flowId === grant.flowId &&
    parked.scope.version === grant.version;
  if (!parked || !same || !grant.resume) {
    deps.logger.warn('twilio.stream', { outcome: 'rejected', reason: 'nothing_to_resume' });
    ws.close(1000, 'nothing to resume');
    return null;
  }
  phone.parked.take(grant.callSid);
  parked.session.attach(socketSink(ws, streamSid));
  deps.logger.info('twilio.stream', {
    outcome: 'started',
    reason: 'resumed',
    tenantId: grant.tenantId,
    flowId: grant.flowId,
    version: grant.version,
  });
  parked.session.onHandoffResult(grant.resume);
  return parked.session;
}

/**
 * The published version, compiled once per allow-list (compiled-flows.ts). The allow-list is read
 * per call: a target removed a second ago must not be dialled.
 */
async function compiledFor(
  deps: AppDeps,
  phone: PhoneRuntime,
  grant: StreamGrant,
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

async function open(
  deps: AppDeps,
  phone: PhoneRuntime,
  grant: StreamGrant,
  streamSid: string,
  ws: WSContext,
): Promise<CallSession | undefined> {
  const loaded = await compiledFor(deps, phone, grant);
  if (!loaded) return undefined;
  const { compiled, targets } = loaded;
  const { settings } = compiled.flow;
  const base = deps.config.publicBaseUrl;
  const txId = `tx_${randomUUID().replaceAll('-', '')}`;
  const scope = { txId, tenantId: grant.tenantId, flowId: grant.flowId, version: grant.version };
  deps.logger.info('twilio.stream', { ...scope, outcome: 'started' });
  const startedAt = deps.now();
  const callerNumber = takeCaller(phone, grant.callSid, startedAt);
  return new CallSession({
    flow: compiled,
    context: { txId, startedAt, channel: 'phone', ...(callerNumber ? { callerNumber } : {}) },
    callSid: grant.callSid,
    stt: phone.stt,
    tts: phone.tts,
    telephony: phone.telephony,
    ...(phone.extractor ? { extractor: phone.extractor } : {}),
    sink: socketSink(ws, streamSid),
    clock: systemClock,
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
      const whisperId = randomUUID();
      rememberWhisper(phone, whisperId, whisper, compiled.flow.language, deps.now(), grant.callSid);
      return {
        number,
        whisperUrl: `${base}/twilio/whisper/${whisperId}`,
        actionUrl: `${base}/twilio/dial-action`,
      };
    },
    deliver: (record) => {
      void deps.records
        .accept({
          tenantId: grant.tenantId,
          flowId: grant.flowId,
          flowVersion: grant.version,
          record,
          ...(callerNumber ? { callerNumber } : {}),
          retention: settings.retention,
          zeroPersistence: settings.zeroPersistence,
          delivery: {
            inbox: settings.delivery.inbox,
            ...(settings.delivery.webhookUrl ? { webhookUrl: settings.delivery.webhookUrl } : {}),
          },
        })
        .then(
          () => deps.logger.info('twilio.record', { ...scope, outcome: 'ok', ms: deps.now() - startedAt }),
          () =>
            deps.logger.error('twilio.record', { ...scope, outcome: 'error', code: 'record_accept_failed' }),
        );
    },
    onFault: (code) => {
      deps.logger.warn('twilio.fault', { ...scope, outcome: 'fallback', code });
      const stage = faultStage(code);
      if (stage) deps.metrics?.metrics.providerErrors.inc({ provider: PROVIDER_OF[stage], stage });
    },
    onRetry: (stage) => {
      deps.logger.info('twilio.retry', { ...scope, outcome: 'retry', stage });
      deps.metrics?.metrics.providerRetries.inc({ provider: PROVIDER_OF[stage], stage });
    },
    observer: callObserver(deps, compiled, {
      tenantId: grant.tenantId,
      flowId: grant.flowId,
      version: grant.version,
      zeroPersistence: settings.zeroPersistence,
    }),
    ...(phone.leadMs !== undefined ? { leadMs: phone.leadMs } : {}),
  });
}

/** Caller turns as the metrics count them: what the caller said or keyed. */
const CALLER_TURNS: ReadonlySet<CallEvent['type']> = new Set(['utterance', 'dtmf']);
type Stage = 'stt' | 'tts' | 'llm' | 'telephony';
/** The phone route's vendors (phone-runtime.ts) per stage: a closed label set. */
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
function callObserver(deps: AppDeps, compiled: CompiledFlow, scope: CallScope): CallObserverHooks {
  const metrics: Metrics | undefined = deps.metrics?.metrics;
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
