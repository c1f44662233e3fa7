// A member's e-mail notifications for one flow: none (default), every new call note, or urgent
// ones only. The mail holds no caller content (mail/messages.ts). For a zero-persistence flow the
// answer says so, and the designer explains what switching on reveals: that a call happened, and when.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { NOTIFICATION_LEVELS } from '../../store/types';
import { allow, audit, resolvedFlow, type AppContext, type AppEnv } from '../context';
import { errorResponses, FlowParams, jsonContent, SECURITY } from '../schemas';

const Level = z.enum(NOTIFICATION_LEVELS).nullable();
const NotificationChoice = z
  .object({
    /** null: no e-mail. */
    level: Level,
    /** The flow keeps nothing of a call; an e-mail would still reveal that (and when) a call came. */
    zeroPersistence: z.boolean(),
    /** Whether e-mail is configured on this server (SMTP_URL); without it nothing is sent. */
    mailConfigured: z.boolean(),
  })
  .openapi('NotificationChoice');

const base = { tags: ['flows'], security: SECURITY };

export const getNotifications = createRoute({
  ...base,
  method: 'get',
  path: '/api/flows/{id}/notifications',
  summary: 'Your e-mail notifications for new call notes of this flow',
  request: { params: FlowParams },
  responses: { 200: jsonContent(NotificationChoice, 'Choice'), ...errorResponses(401, 403, 404) },
});

export const setNotifications = createRoute({
  ...base,
  method: 'put',
  path: '/api/flows/{id}/notifications',
  summary: 'Choose e-mail notifications for new call notes of this flow: all, urgent or none (null)',
  request: {
    params: FlowParams,
    body: { content: { 'application/json': { schema: z.object({ level: Level }) } }, required: true },
  },
  responses: { 200: jsonContent(NotificationChoice, 'Chosen'), ...errorResponses(400, 401, 403, 404) },
});

/** Whether the flow's working copy keeps nothing (zero persistence). */
async function zeroPersistence(c: AppContext, tenantId: string, flowId: string): Promise<boolean> {
  const draft = await c.get('deps').store.flows.getDraft(tenantId, flowId);
  const settings = (draft?.document as { settings?: { zeroPersistence?: unknown } } | undefined)?.settings;
  return settings?.zeroPersistence === true;
}

async function choice(c: AppContext, userId: string) {
  const flow = resolvedFlow(c);
  const deps = c.get('deps');
  return {
    level: await deps.store.notificationChoices.get(flow.tenantId, flow.id, userId),
    zeroPersistence: await zeroPersistence(c, flow.tenantId, flow.id),
    mailConfigured: deps.mailer !== undefined,
  };
}

export function notificationRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(getNotifications, async (c) => {
    resolvedFlow(c);
    const p = allow(c, 'calls:read');
    return c.json(await choice(c, p.userId), 200);
  });

  app.openapi(setNotifications, async (c) => {
    const flow = resolvedFlow(c);
    const p = allow(c, 'calls:read');
    const { level } = c.req.valid('json');
    await c.get('deps').store.notificationChoices.set(flow.tenantId, flow.id, p.userId, level);
    await audit(c, level ? `notifications.${level}` : 'notifications.off', 'flow', flow.id);
    return c.json(await choice(c, p.userId), 200);
  });
}
