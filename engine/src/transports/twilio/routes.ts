// The phone routes, wiring only: webhook signature → number → TwiML with a stream token;
// the media socket (media-socket.ts); status, whisper and dial callbacks. Every Twilio webhook
// is checked against the PUBLIC url (config), never the internal request URL.
import type { Context, Env, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { UpgradeWebSocket } from 'hono/ws';
import { isValidTwilioSignature } from '../../providers/twilio/signature';
import { connectStreamTwiml, sayAndHangupTwiml, whisperTwiml } from '../../providers/twilio/twiml';
import { rememberCaller, type PhoneRuntime } from '../../phone/phone-runtime';
import type { RoutingRepository, TenantRepository } from '../../store/types';
import { mediaSocket, type MediaSocketDeps } from './media-socket';
import { signStreamToken, STREAM_TOKEN_TTL_MS, type ResumeOutcome } from './stream-token';
import type { CallOwnership } from '../../cluster/call-ownership';
import { ownerQuery, ownerSegment, routeToOwner, spreadNewCalls } from './owner-routing';

/** Exactly what the Twilio routes use of the app's dependencies (`http/app.ts` passes `AppDeps`). */
export interface TwilioRouteDeps extends MediaSocketDeps {
  readonly store: MediaSocketDeps['store'] & {
    readonly routing: RoutingRepository;
    /** A suspended organisation's numbers answer with a notice only. */
    readonly tenants: Pick<TenantRepository, 'get'>;
  };
  /** Absent = every route answers "not configured" (provider keys missing). */
  readonly phone?: PhoneRuntime;
  /** True once shutdown has begun: new calls hear an apology instead of the flow. */
  readonly isDraining?: () => boolean;
  /** Absent (app.request tests): no media socket route. */
  readonly upgradeWebSocket?: UpgradeWebSocket;
  /** Several processes or instances: callbacks of calls owned elsewhere go there. */
  readonly ownership?: CallOwnership;
}

/** Twilio's DialCallStatus → how the flow continues. `canceled` (the dial was stopped) counts as failed. */
const RESUME_ON: Readonly<Record<string, ResumeOutcome>> = {
  'no-answer': 'no-answer',
  busy: 'busy',
  failed: 'failed',
  canceled: 'failed',
};
/** Final call statuses (status callback). */
const ENDED: ReadonlySet<string> = new Set(['completed', 'canceled', 'failed', 'busy', 'no-answer']);
/** Time for Twilio to open the resume stream after our answer (the token lives at most this long). */
const RESUME_WAIT_MS = STREAM_TOKEN_TTL_MS + 5_000;

const SAY = {
  notConfigured:
    'Dieser Telefondienst ist noch nicht eingerichtet. Bitte versuchen Sie es später noch einmal. Auf Wiederhören.',
  unknownNumber: 'Diese Rufnummer ist leider noch nicht eingerichtet. Auf Wiederhören.',
  suspended: 'Dieser Anschluss ist derzeit nicht erreichbar.',
  draining:
    'Es tut uns leid, der Dienst wird gerade neu gestartet. Bitte rufen Sie in einer Minute noch einmal an. Auf Wiederhören.',
};

const twiml = (c: Context, body: string) => c.body(body, 200, { 'Content-Type': 'text/xml; charset=utf-8' });
const goodbye = (c: Context, text: string) => twiml(c, sayAndHangupTwiml(text, 'de-DE'));

/** The form params when the signature over the public URL is valid; else undefined. */
async function signedParams(
  c: Context,
  deps: TwilioRouteDeps,
  phone: PhoneRuntime,
): Promise<Record<string, string> | undefined> {
  const form = await c.req.parseBody();
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(form)) if (typeof v === 'string') params[k] = v;
  const url = deps.config.publicBaseUrl + c.req.path + new URL(c.req.url).search;
  return isValidTwilioSignature(phone.authToken, c.req.header('x-twilio-signature'), url, params)
    ? params
    : undefined;
}

export function twilioRoutes<E extends Env>(app: Hono<E>, deps: TwilioRouteDeps): void {
  const phone = deps.phone;
  const base = deps.config.publicBaseUrl;
  const guarded =
    (
      handler: (
        c: Context,
        params: Record<string, string>,
        phone: PhoneRuntime,
      ) => Response | Promise<Response>,
    ) =>
    async (c: Context) => {
      if (!phone) return goodbye(c, SAY.notConfigured);
      const params = await signedParams(c, deps, phone);
      if (!params) {
        deps.logger.warn('twilio.webhook', { outcome: 'denied', reason: 'bad_signature' });
        return c.body(null, 403);
      }
      return handler(c, params, phone);
    };

  // Twilio's forms are a few hundred bytes; anything large is not Twilio.
  app.use('/twilio/*', bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.body(null, 413) }));
  // New calls are spread over the processes in turn; every callback after the voice webhook is
  // answered by the process that owns the call.
  app.use('/twilio/voice', spreadNewCalls(deps.ownership, deps.logger));
  const toOwner = routeToOwner(deps.ownership, deps.logger);
  for (const path of ['/twilio/connect-action', '/twilio/status', '/twilio/whisper/*', '/twilio/dial-action'])
    app.use(path, toOwner);
  // The stream's media socket: the TwiML names the owner in its path (Twilio allows no query).
  const connectTwiml = (token: string) =>
    connectStreamTwiml({
      streamUrl: `${base.replace(/^http/, 'ws')}/twilio/media${ownerSegment(deps.ownership)}`,
      parameters: { token },
      actionUrl: `${base}/twilio/connect-action${ownerQuery(deps.ownership)}`,
    });

  app.post(
    '/twilio/voice',
    guarded(async (c, params, phone) => {
      if (deps.isDraining?.()) return goodbye(c, SAY.draining);
      const route = params.To ? await deps.store.routing.resolveNumber(params.To) : undefined;
      if (!route || !params.CallSid) {
        deps.logger.info('twilio.voice', { outcome: 'rejected', reason: 'unknown_number' });
        return goodbye(c, SAY.unknownNumber);
      }
      if ((await deps.store.tenants.get(route.tenantId))?.status !== 'active') {
        // Suspended by the operator: a short notice, no speech session, nothing stored.
        deps.logger.info('twilio.voice', {
          outcome: 'rejected',
          reason: 'suspended',
          tenantId: route.tenantId,
        });
        return goodbye(c, SAY.suspended);
      }
      const expiresAt = deps.now() + STREAM_TOKEN_TTL_MS;
      const token = signStreamToken(phone.tokenKey, {
        callSid: params.CallSid,
        tenantId: route.tenantId,
        flowId: route.flowId,
        version: route.version.number,
        expiresAt,
        ...(deps.ownership ? { owner: deps.ownership.ownerId } : {}),
      });
      // The caller ID stays on the server (never in the token Twilio carries around).
      if (/^\+[1-9]\d{6,14}$/.test(params.From ?? ''))
        rememberCaller(phone, params.CallSid, params.From!, expiresAt, deps.now());
      deps.logger.info('twilio.voice', {
        outcome: 'ok',
        tenantId: route.tenantId,
        flowId: route.flowId,
        version: route.version.number,
      });
      return twiml(c, connectTwiml(token));
    }),
  );

  // Twilio asks what follows when we close the stream: the flow has ended the call.
  app.post(
    '/twilio/connect-action',
    guarded((c) => twiml(c, '<?xml version="1.0" encoding="UTF-8"?><Response><Hangup/></Response>')),
  );

  app.post(
    '/twilio/status',
    guarded((c, params, phone) => {
      const status = /^[a-z-]{1,32}$/.test(params.CallStatus ?? '') ? params.CallStatus! : 'unknown';
      deps.logger.info('twilio.status', { outcome: 'ok', reason: status });
      // The call is over while its transfer was parked here: end it now, not at the deadline.
      if (ENDED.has(status) && params.CallSid) phone.parked.take(params.CallSid)?.session.onHangup();
      return c.body(null, 204);
    }),
  );

  // Twilio fetches the whisper when the person called has answered: for a parked call that is
  // the transfer's outcome (the <Dial action> only comes when that conversation is over).
  app.post(
    '/twilio/whisper/:id',
    guarded((c, _params, phone) => {
      const id = c.req.param('id') ?? '';
      const whisper = phone.whispers.get(id);
      phone.whispers.delete(id);
      if (!whisper || whisper.expiresAt <= deps.now())
        return twiml(c, '<?xml version="1.0" encoding="UTF-8"?><Response/>');
      if (whisper.callSid) phone.parked.take(whisper.callSid)?.session.onHandoffResult('answered');
      return twiml(c, whisperTwiml(whisper.text, whisper.language));
    }),
  );

  // After a <Dial>. Not answered and the conversation is parked here → a new stream continues the
  // flow (its fallback: take a message, callback). Answered → the parked call records it and
  // ends. Nothing parked (expired, or another/restarted instance) → apology and hangup.
  app.post(
    '/twilio/dial-action',
    guarded((c, params, phone) => {
      const status = /^[a-z-]{1,32}$/.test(params.DialCallStatus ?? '') ? params.DialCallStatus! : 'unknown';
      const callSid = params.CallSid ?? '';
      const parked = callSid ? phone.parked.peek(callSid) : undefined;
      const resume = RESUME_ON[status];
      deps.logger.info('twilio.dial', {
        outcome: 'ok',
        reason: status,
        ...(parked ? { code: resume ? 'resume' : 'parked' } : {}),
      });
      if (parked && params.CallStatus === 'completed') {
        // The caller hung up while it rang: note how the transfer ended, then the call is over.
        const session = phone.parked.take(callSid)?.session;
        session?.onHandoffResult(resume ?? 'answered');
        session?.onHangup();
        return twiml(c, '<?xml version="1.0" encoding="UTF-8"?><Response><Hangup/></Response>');
      }
      if (parked && resume) {
        phone.parked.extend(callSid, RESUME_WAIT_MS); // ends the call if the new stream never comes
        const token = signStreamToken(phone.tokenKey, {
          callSid,
          ...parked.scope,
          expiresAt: deps.now() + STREAM_TOKEN_TTL_MS,
          resume,
          ...(deps.ownership ? { owner: deps.ownership.ownerId } : {}),
        });
        return twiml(c, connectTwiml(token));
      }
      const answered = status === 'completed' || status === 'answered';
      if (parked && answered) phone.parked.take(callSid)?.session.onHandoffResult('answered');
      return twiml(
        c,
        sayAndHangupTwiml(
          answered
            ? 'Auf Wiederhören.'
            : 'Leider ist gerade niemand erreichbar. Bitte rufen Sie später noch einmal an. Auf Wiederhören.',
          'de-DE',
        ),
      );
    }),
  );

  if (deps.upgradeWebSocket) {
    const upgrade = deps.upgradeWebSocket(() => mediaSocket(deps, phone));
    app.get('/twilio/media', upgrade);
    // Sockets owned by another process never get here (the server hands them over first).
    app.use('/twilio/media/:owner', async (c, next) => {
      if (deps.ownership?.locate(c.req.param('owner')) === 'here') return next();
      deps.logger.warn('twilio.stream', { outcome: 'rejected', reason: 'bad_owner' });
      return c.body(null, 403);
    });
    app.get('/twilio/media/:owner', upgrade);
  }
}
