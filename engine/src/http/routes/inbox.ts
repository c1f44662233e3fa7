// The front desk's inbox beyond the list (routes/calls.ts): finding a caller's notes by the
// number they gave or called from, and a live stream that says "a new note is in". The number
// travels in a POST body, never in a URL or query string (those end up in proxy and access
// logs); the lookup goes through the pseudonymous subject index. The stream carries transaction
// ids only — the page then fetches the note with the ordinary, permission-checked read.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { allow, type AppEnv } from '../context';
import { principalNow } from '../middleware/authenticate';
import { typedNumberOrBadRequest } from '../phone';
import { errorResponses, jsonContent, SECURITY } from '../schemas';
import { CallNote } from './calls';

/** A comment line now and then keeps proxies from closing a quiet stream. */
const KEEPALIVE_MS = 25_000;

const SearchBody = z
  .object({
    number: z.string().max(40).openapi({ description: 'As typed: „030 1234567“ or +49301234567' }),
  })
  .openapi('InboxSearch');

export const search = createRoute({
  tags: ['calls'],
  security: SECURITY,
  method: 'post',
  path: '/api/inbox/search',
  summary: 'Inbox: the notes that carry a phone number (caller ID, callback number or a phone detail)',
  request: { body: { content: { 'application/json': { schema: SearchBody } }, required: true } },
  responses: {
    200: jsonContent(z.object({ calls: z.array(CallNote) }), 'Call notes, newest first'),
    ...errorResponses(400, 401, 403),
  },
});

/** Path of the live stream (text/event-stream; not in the OpenAPI document: it never ends). */
export const INBOX_EVENTS_PATH = '/api/inbox/events';

export function inboxRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(search, async (c) => {
    const p = allow(c, 'calls:read');
    const number = typedNumberOrBadRequest(c.req.valid('json').number);
    const { subjects, inbox } = c.get('deps').records;
    const matches = (await subjects.find(p.tenantId, number)).filter((m) => !m.restricted);
    return c.json({ calls: await inbox.readMany(p.tenantId, [...new Set(matches.map((m) => m.txId))]) }, 200);
  });

  app.get(INBOX_EVENTS_PATH, (c) => {
    const p = allow(c, 'calls:read');
    const events = c.get('deps').records.noteEvents;
    return streamSSE(c, async (stream) => {
      // Pushes go out one at a time, each after asking again who the reader is now.
      let queue = Promise.resolve();
      const push = (txId: string) => {
        queue = queue
          .then(async () => {
            const now = await principalNow(c);
            if (now?.tenantId !== p.tenantId || !now.permissions.has('calls:read')) return stream.abort();
            await stream.writeSSE({ event: 'note', data: JSON.stringify({ txId }) });
          })
          .catch(() => stream.abort());
      };
      const unsubscribe = events.subscribe(p.tenantId, push);
      const keepalive = setInterval(() => void stream.write(': \n\n'), KEEPALIVE_MS);
      await new Promise<void>((resolve) => {
        stream.onAbort(() => resolve());
        void stream.writeSSE({ event: 'ready', data: '{}' });
      });
      clearInterval(keepalive);
      unsubscribe();
    });
  });
}
