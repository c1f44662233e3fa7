// Shapes of the operator's API (organisations, numbers, operator tokens, operator audit).
import { z } from '@hono/zod-openapi';
import { TENANT_STATUSES } from '../../../store/types';
import { AuditEvent } from '../../schemas';

export const Organisation = z
  .object({
    id: z.string(),
    name: z.string(),
    status: z.enum(TENANT_STATUSES),
    createdAt: z.number(),
    /** Counts only: the operator does not read an organisation's flows. */
    flows: z.number(),
    members: z.number(),
    numbers: z.array(z.string()),
  })
  .openapi('Organisation');

export const Invitation = z
  .object({
    /** One-time link (token in the fragment); hand it to the invited person only. null: sent by e-mail. */
    url: z.string().nullable(),
    expiresAt: z.number(),
    /** The link went by e-mail to the invited address (SMTP_URL is set) and is shown to nobody. */
    emailed: z.boolean(),
  })
  .openapi('Invitation');

export const AssignedNumber = z
  .object({
    number: z.string(),
    organisationId: z.string(),
    organisationName: z.string(),
    assignedAt: z.number(),
    /** The flow the number answers (null: assigned, not bound yet). */
    flowId: z.string().nullable(),
    flowName: z.string().nullable(),
    version: z.number().nullable(),
  })
  .openapi('AssignedNumber');

/** An audit event plus the organisation it concerns (the operator's trail spans organisations). */
export const OperatorAuditEvent = AuditEvent.extend({ tenantId: z.string().nullable() }).openapi(
  'OperatorAuditEvent',
);

export const OperatorToken = z
  .object({ id: z.string(), name: z.string(), createdAt: z.number(), lastUsedAt: z.number().nullable() })
  .openapi('OperatorToken');
