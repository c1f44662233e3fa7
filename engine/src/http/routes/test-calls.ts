// The designer's voice test call, API side: can this deployment do it (and if not, why), and a
// single-use ticket (30 s) for one call — taken by the browser's first socket message
// (transports/browser/). Session only (cookie + CSRF): a microphone call is a person at a browser.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { allow, resolvedFlow, type AppContext, type AppEnv } from '../context';
import { ApiError, forbidden } from '../errors';
import { errorResponses, FlowParams, jsonContent, SECURITY } from '../schemas';
import { testCallSocketPath } from '../../transports/browser/ticket-owner';
import { compiledFlowFor } from './privacy';

export const VoiceTestAvailability = z
  .object({
    available: z.boolean(),
    reason: z.enum(['no_providers']).optional().openapi({
      description: 'no_providers: speech (Google) or voice (ElevenLabs) credentials are missing',
    }),
    perOrganisation: z.number(),
    maxMinutes: z.number(),
  })
  .openapi('VoiceTestAvailability');

export const TestCallBody = z
  .object({
    version: z.union([z.number().int().min(1), z.literal('draft')]).optional(),
    deliver: z.boolean().optional().openapi({
      description: 'Deliver the finished note like a real call (marked as a test); default: no note',
    }),
  })
  .openapi('TestCallRequest');

export const TestCallTicket = z
  .object({
    ticket: z.string().openapi({ description: "Single use; send it as the socket's first message" }),
    expiresAt: z.number(),
    socketPath: z.string(),
    maxSeconds: z.number(),
  })
  .openapi('TestCallTicket');

const availability = createRoute({
  method: 'get',
  path: '/api/voice-test',
  tags: ['flows'],
  security: SECURITY,
  summary: 'Whether voice test calls from the browser work on this deployment, and their limits',
  responses: { 200: jsonContent(VoiceTestAvailability, 'Availability'), ...errorResponses(401, 403) },
});

export const ticket = createRoute({
  method: 'post',
  path: '/api/flows/{id}/test-calls',
  tags: ['flows'],
  security: SECURITY,
  summary: 'A single-use ticket (30 s) for one voice test call from the browser',
  request: {
    params: FlowParams,
    body: { content: { 'application/json': { schema: TestCallBody } }, required: true },
  },
  responses: {
    201: jsonContent(TestCallTicket, 'Ticket'),
    ...errorResponses(400, 401, 403, 404, 422, 429, 503),
  },
});

export function testCallRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(availability, (c) => {
    allow(c, 'flows:read');
    const phone = c.get('deps').phone;
    const limits = phone?.testCalls.limits;
    return c.json(
      {
        available: Boolean(phone),
        ...(phone ? {} : { reason: 'no_providers' as const }),
        perOrganisation: limits?.perOrganisation ?? 0,
        maxMinutes: limits ? limits.maxCallMs / 60_000 : 0,
      },
      200,
    );
  });

  app.openapi(ticket, async (c) => {
    const flow = resolvedFlow(c);
    const who = allow(c, 'flows:simulate');
    if (who.kind !== 'session') throw forbidden();
    const body = c.req.valid('json');
    const phone = c.get('deps').phone;
    if (!phone) throw unavailable();
    const version = body.version ?? 'draft';
    await compiledFlowFor(c, version); // a draft with errors: 422 now, not a silent socket later
    if (!(await phone.testCalls.hasRoomAnywhere(flow.tenantId))) throw limitReached(c);
    const issued = phone.testCalls.issue(
      { tenantId: flow.tenantId, flowId: flow.id, version, deliver: body.deliver === true },
      c.get('deps').now(),
    );
    if (!issued) throw limitReached(c);
    return c.json(
      {
        ...issued,
        // Names the issuing process: the socket may land on another (ticket-owner.ts).
        socketPath: testCallSocketPath(phone.testCalls.issuer),
        maxSeconds: Math.round(phone.testCalls.limits.maxCallMs / 1000),
      },
      201,
    );
  });
}

function unavailable(): ApiError {
  return new ApiError(
    503,
    'voice_test_unavailable',
    'Voice test calls need speech and voice credentials (GOOGLE_*, ELEVENLABS_API_KEY) / ' +
      'Probeanrufe mit Mikrofon brauchen Zugangsdaten für Spracherkennung und Stimme',
  );
}

function limitReached(c: AppContext): ApiError {
  const limit = c.get('deps').phone?.testCalls.limits.perOrganisation ?? 0;
  return new ApiError(
    429,
    'test_call_limit',
    `At most ${limit} voice test calls at once / Höchstens ${limit} Probeanrufe gleichzeitig`,
    { limit },
  );
}
