// One Twilio media socket: codec → token check → (only then) a CallSession with the real
// providers (phone/phone-call.ts) → record delivered through the privacy core. Nothing here opens
// a vendor session before the stream token was verified. A stream that closes because the call
// was transferred parks the session (phone/phone-runtime.ts); a resume token's stream re-attaches it.
import type { WSContext, WSEvents } from 'hono/ws';
import type { Logger } from '../../log/index';
import { openPhoneCall, type PhoneCallDeps } from '../../phone/phone-call';
import { parkCall, type ParkedCall, type PhoneRuntime } from '../../phone/phone-runtime';
import type { CallSession } from '../../runtime/call-session';
import { coalescedSender } from '../../http/coalesced-writes';
import { clearMessage, markMessage, mediaSender, parseTwilioMessage } from './codec';
import { MediaFrameReader } from './media-fast-path';
import { verifyStreamToken, type StreamGrant } from './stream-token';
import { ownerQuery } from './owner-routing';
import type { CallOwnership } from '../../cluster/call-ownership';

/** Exactly what a media socket uses of the app's dependencies. */
export interface MediaSocketDeps extends PhoneCallDeps {
  readonly logger: Logger;
  readonly now: () => number;
  /** The public URL Twilio reaches us at: the transfer's whisper and dial callbacks go there. */
  readonly config: { readonly publicBaseUrl: string };
  /** Which process owns a call; every callback URL names this one. Absent: a single process. */
  readonly ownership?: Pick<CallOwnership, 'ownerId'>;
}

/** Twilio buffers what it is sent: frames go in bursts of this much, one socket write each. */
export const TWILIO_BURST_MS = 100;

const socketSink = (ws: WSContext, streamSid: string) => {
  const send = coalescedSender(ws.raw, (text: string) => ws.send(text));
  return {
    burstMs: TWILIO_BURST_MS,
    media: mediaSender(streamSid, send),
    mark: (n: string) => send(markMessage(streamSid, n)),
    clear: () => send(clearMessage(streamSid)),
    close: () => ws.close(1000),
  };
};

/** 1008 = policy violation: the stream was not authorised. */
const CLOSE_REJECTED = 1008;
/** A socket that has not presented a valid `start` by then is closed (no idle unauthenticated sockets). */
export const START_TIMEOUT_MS = 10_000;

/** The `ws` socket under Hono's wrapper: what the media path reads its messages from. */
interface RawSocket {
  on(event: 'message', listener: (data: unknown, isBinary: boolean) => void): unknown;
}
const isRawSocket = (v: unknown): v is RawSocket =>
  typeof v === 'object' && v !== null && typeof (v as { on?: unknown }).on === 'function';

export function mediaSocket(deps: MediaSocketDeps, phone: PhoneRuntime | undefined): WSEvents {
  let session: CallSession | null = null;
  /** The verified call this socket carries (for parking). */
  let grantOf: { callSid: string; scope: ParkedCall['scope'] } | undefined;
  let state: 'waiting' | 'starting' | 'live' | 'over' = 'waiting';
  const log = deps.logger;
  let startTimer: NodeJS.Timeout | undefined;
  const frames = new MediaFrameReader();
  const events: WSEvents = {
    onOpen(_evt, ws) {
      takeOverMessages(ws);
      startTimer = setTimeout(() => {
        if (state !== 'waiting') return;
        state = 'over';
        log.warn('twilio.stream', { outcome: 'timeout', reason: 'no_start' });
        ws.close(CLOSE_REJECTED, 'no start');
      }, phone?.startTimeoutMs ?? START_TIMEOUT_MS);
    },
    // Messages Hono buffered before onOpen; all later ones take the raw path (takeOverMessages).
    onMessage: (evt, ws) => onText(String(evt.data), ws),
    onClose: () => end(),
  };
  return events;

  /**
   * Hono's wrapper copies every message and builds a MessageEvent for it: 50 times a second per
   * call that is measurable (BENCHMARKS.md, bench:floor). The messages are read from the `ws`
   * socket itself instead; Hono replays what it buffered before onOpen through onMessage right
   * after this returns, and onMessage is gone for everything after that (Hono only builds the
   * event when there is a handler).
   */
  function takeOverMessages(ws: WSContext): void {
    const raw = ws.raw;
    if (!isRawSocket(raw)) return;
    raw.on('message', (data, isBinary) => {
      if (isBinary) return;
      if (!Buffer.isBuffer(data)) return onText(String(data), ws);
      const audio = frames.read(data);
      if (audio) session?.onAudio(audio);
      else onText(data.toString('utf8'), ws);
    });
    queueMicrotask(() => delete events.onMessage);
  }

  function onText(text: string, ws: WSContext): void {
    const parsed = parseTwilioMessage(text);
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
          : grant.owner !== deps.ownership?.ownerId
            ? 'wrong_owner'
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
  }

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
  deps: MediaSocketDeps,
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

/** A new call on this socket; the transfer callbacks point at our public Twilio routes. */
function open(
  deps: MediaSocketDeps,
  phone: PhoneRuntime,
  grant: StreamGrant,
  streamSid: string,
  ws: WSContext,
): Promise<CallSession | undefined> {
  const base = deps.config.publicBaseUrl;
  const owner = ownerQuery(deps.ownership);
  return openPhoneCall(deps, phone, grant, socketSink(ws, streamSid), {
    whisperUrl: (whisperId) => `${base}/twilio/whisper/${whisperId}${owner}`,
    dialActionUrl: `${base}/twilio/dial-action${owner}`,
    statusCallbackUrl: `${base}/twilio/status${owner}`,
  });
}
