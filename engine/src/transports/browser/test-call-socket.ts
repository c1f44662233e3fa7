// One designer test-call socket: ticket (first message, single use, the session's organisation) → a place among the
// organisation's test calls → the flow (draft or version) compiled against the allow-list → the
// phone path's CallSession (phone/phone-call.ts composeCall) on this socket, with a simulated
// phone network. The Origin was checked before the upgrade (routes.ts); nothing opens a speech,
// voice or LLM session before the ticket was taken. Audio is never logged or kept.
import type { WSContext, WSEvents } from 'hono/ws';
import type { CompiledVersion } from '../../phone/compiled-flows';
import { compiledFor, composeCall, type PhoneCallDeps } from '../../phone/phone-call';
import type { PhoneRuntime } from '../../phone/phone-runtime';
import type { CallSession } from '../../runtime/call-session';
import type { FlowRepository } from '../../store/types';
import { encodeBrowserMessage, parseBrowserMessage, type BrowserOutbound, type EndReason } from './codec';
import { SimulatedTelephony } from './simulated-telephony';
import type { TestCallGrant } from './test-call-desk';

/** Exactly what a test-call socket uses of the app's dependencies. */
export interface TestCallSocketDeps extends PhoneCallDeps {
  readonly store: PhoneCallDeps['store'] & { readonly flows: Pick<FlowRepository, 'getDraft'> };
}

/** 1008 = policy violation: no valid ticket, or no room for another test call. */
const CLOSE_REJECTED = 1008;
const NO_START_MS = 10_000;

/** `tenantId`: the organisation of the session that opened the socket; the ticket must be its own. */
export function testCallSocket(deps: TestCallSocketDeps, phone: PhoneRuntime, tenantId: string): WSEvents {
  let state: 'waiting' | 'starting' | 'live' | 'over' = 'waiting';
  let session: CallSession | null = null;
  let release: (() => void) | undefined;
  let noStart: NodeJS.Timeout | undefined;
  let timeLimit: NodeJS.Timeout | undefined;
  let socket: WSContext | undefined;
  const log = deps.logger;
  const send = (m: BrowserOutbound) => socket?.readyState === 1 && socket.send(encodeBrowserMessage(m));

  const end = (reason: EndReason) => {
    clearTimeout(noStart);
    clearTimeout(timeLimit);
    if (state === 'over') return;
    state = 'over';
    const s = session;
    session = null;
    s?.onHangup();
    release?.();
    send({ type: 'ended', reason });
    if (socket?.readyState === 1) socket.close(1000, reason);
  };

  const refuse = (ws: WSContext, reason: string) => {
    state = 'over';
    log.warn('voicetest.socket', { outcome: 'rejected', reason });
    ws.close(CLOSE_REJECTED, reason);
  };

  const begin = async (ws: WSContext, grant: TestCallGrant) => {
    const loaded = await compiledTestFlow(deps, phone, grant);
    if (state !== 'starting') return; // the page went away meanwhile
    if (!loaded) return void ((state = 'over'), release?.(), ws.close(1011, 'flow unavailable'));
    const telephony = new SimulatedTelephony(
      (target) => send({ type: 'transfer', target }),
      () => undefined, // the session closes the sink itself after its goodbye
    );
    const s = composeCall(deps, phone, {
      loaded,
      scope: {
        tenantId: grant.tenantId,
        flowId: grant.flowId,
        version: grant.version === 'draft' ? null : grant.version,
      },
      callSid: 'browser-test-call',
      sink: {
        media: (f) => socket?.readyState === 1 && ws.send(Uint8Array.from(f)),
        mark: (name) => send({ type: 'mark', name }),
        clear: () => send({ type: 'clear' }),
        close: () => end('completed'),
      },
      test: {
        telephony,
        deliver: grant.deliver,
        watch: {
          onStart: (first) => {
            send({
              type: 'started',
              txId: first.txId,
              maxSeconds: Math.round(phone.testCalls.limits.maxCallMs / 1000),
              delivers: grant.deliver,
            });
            send({ type: 'step', node: first.node });
          },
          onStep: (before, event, after) => {
            if (event.type === 'utterance') send({ type: 'heard', text: event.text });
            if (event.type === 'dtmf') send({ type: 'heard', digit: event.digit });
            if (after.node !== before.node) send({ type: 'step', node: after.node });
          },
        },
      },
    });
    session = s;
    state = 'live';
    timeLimit = setTimeout(() => end('time_limit'), phone.testCalls.limits.maxCallMs);
    s.start();
  };

  /** A place among the organisation's calls (in every worker process), then the session. */
  const admitted = async (ws: WSContext, grant: TestCallGrant) => {
    const place = await phone.testCalls.admitAnywhere(grant.tenantId);
    if (state !== 'starting') return place?.(); // the page went away meanwhile
    if (!place) return refuse(ws, 'limit');
    release = place;
    await begin(ws, grant);
  };

  return {
    onOpen(_evt, ws) {
      socket = ws;
      noStart = setTimeout(
        () => state === 'waiting' && refuse(ws, 'no_start'),
        phone.startTimeoutMs ?? NO_START_MS,
      );
    },
    onMessage(evt, ws) {
      const data = evt.data;
      const parsed = parseBrowserMessage(
        typeof data === 'string' ? data : new Uint8Array(data as ArrayBuffer),
      );
      if (state === 'waiting') {
        if (!parsed.ok || parsed.message.type !== 'start') return refuse(ws, 'no_ticket');
        clearTimeout(noStart);
        const grant = phone.testCalls.take(parsed.message.ticket, deps.now());
        if (!grant) return refuse(ws, 'bad_ticket');
        if (grant.tenantId !== tenantId) return refuse(ws, 'other_organisation');
        state = 'starting';
        return void admitted(ws, grant).catch(() => end('error'));
      }
      if (!parsed.ok || !session) return;
      const m = parsed.message;
      if (m.type === 'audio') session.onAudio(m.frame);
      else if (m.type === 'played') session.onMark(m.name);
      else if (m.type === 'dtmf') session.onDtmf(m.digit);
      else if (m.type === 'transfer' && session.awaitingHandoff) session.onHandoffResult(m.outcome);
      else if (m.type === 'hangup') end('hangup');
    },
    onClose: () => end('hangup'),
  };
}

/** The draft (compiled per call: it changes) or a published version (compiled once, cached). */
async function compiledTestFlow(
  deps: TestCallSocketDeps,
  phone: PhoneRuntime,
  grant: TestCallGrant,
): Promise<CompiledVersion | undefined> {
  if (grant.version !== 'draft') return compiledFor(deps, phone, { ...grant, version: grant.version });
  const [draft, targets] = await Promise.all([
    deps.store.flows.getDraft(grant.tenantId, grant.flowId),
    deps.store.handoffTargets.list(grant.tenantId),
  ]);
  if (!draft) return undefined;
  const result = deps.flowTools.load(draft.document, targets);
  return result.ok
    ? { compiled: result.compiled, targets: new Map(targets.map((t) => [t.id, t.number])) }
    : undefined;
}
