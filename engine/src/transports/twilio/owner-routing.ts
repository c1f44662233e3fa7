// The Twilio callbacks of a call go to the process that owns it (cluster/call-ownership.ts).
// Callback URLs carry the owner as `?owner=` — covered by Twilio's signature like the rest of
// the URL — and the media stream as its last path segment (Twilio allows no query there).
import type { Context, Next } from 'hono';
import type { Logger } from '../../log/index';
import type { CallOwnership } from '../../cluster/call-ownership';

/** `?owner=<id>` for a callback URL, or nothing with a single process. */
export const ownerQuery = (ownership: Pick<CallOwnership, 'ownerId'> | undefined): string =>
  ownership ? `?owner=${ownership.ownerId}` : '';

/** `/<id>` after the media path, or nothing with a single process. */
export const ownerSegment = (ownership: Pick<CallOwnership, 'ownerId'> | undefined): string =>
  ownership ? `/${ownership.ownerId}` : '';

/**
 * Middleware for `/twilio/voice`: the process that answers a new call owns it, so new calls are
 * placed on the processes in turn (the owner checks the signature). A sibling that cannot take it
 * (restarting) leaves the call here.
 */
export function spreadNewCalls(ownership: CallOwnership | undefined, logger: Logger) {
  return async (c: Context, next: Next) => {
    const to = ownership?.ownerForNewCall(c.req.raw);
    if (to === undefined) return next();
    try {
      return await ownership!.forwardToWorker(to, c.req.raw.clone());
    } catch {
      logger.warn('twilio.voice', { outcome: 'fallback', reason: 'sibling_unreachable' });
      return next();
    }
  };
}

/**
 * Middleware for the callbacks after `/twilio/voice`: a callback owned elsewhere gets the
 * owner's answer (the owner checks Twilio's signature: it holds the call); a forged or foreign
 * owner is refused before anything is read.
 */
export function routeToOwner(ownership: CallOwnership | undefined, logger: Logger) {
  return async (c: Context, next: Next) => {
    if (!ownership) return next();
    const id = c.req.query('owner');
    const location = ownership.locate(id);
    if (location === 'here') return next();
    if (location === 'invalid') {
      logger.warn('twilio.webhook', { outcome: 'denied', reason: 'bad_owner' });
      return c.body(null, 403);
    }
    try {
      return await ownership.forward(id!, c.req.raw);
    } catch {
      // The owner is gone (restarting, or its instance is down): its calls went with it.
      logger.warn('twilio.webhook', { outcome: 'error', reason: 'owner_unreachable' });
      return c.body(null, 503);
    }
  };
}
