// The processing record (R13, Art. 30 GDPR) of a flow as Markdown a practice can file: fields,
// data categories, sub-processors per stage, retention and security measures — the same words
// as the CLI's `callflow privacy` and the designer's privacy sheet (engine/src/flow/privacy).
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import {
  buildProcessingRecord,
  renderProcessingRecordMarkdown,
  type VendorSettings,
} from '../../flow/privacy';
import type { CompiledFlow } from '../../flow/compiled';
import { allow, resolvedFlow, type AppContext, type AppEnv } from '../context';
import type { AppDeps } from '../deps';
import { ApiError, notFound } from '../errors';
import { errorResponses, FlowParams, SECURITY } from '../schemas';

const privacy = createRoute({
  method: 'get',
  path: '/api/flows/{id}/privacy',
  tags: ['flows'],
  security: SECURITY,
  summary: 'Processing record of the draft (or ?version=n) as Markdown, German or English',
  request: {
    params: FlowParams,
    query: z.object({
      lang: z.enum(['de', 'en']).optional(),
      version: z
        .string()
        .regex(/^(draft|[1-9][0-9]{0,8})$/)
        .optional()
        .openapi({ description: '"draft" (default) or a version number' }),
    }),
  },
  responses: {
    200: { content: { 'text/markdown': { schema: z.string() } }, description: 'Markdown document' },
    ...errorResponses(400, 401, 403, 404, 422),
  },
});

/**
 * The flow as the interpreter would run it: the draft or a published version, compiled against
 * the tenant's transfer targets. A draft with errors is 422 with its diagnostics.
 */
export async function compiledFlowFor(
  c: AppContext,
  version: number | 'draft' | undefined,
): Promise<{ compiled: CompiledFlow; version: number | null }> {
  const flow = resolvedFlow(c);
  const { store, flowTools } = c.get('deps');
  let document: unknown;
  if (version === undefined || version === 'draft') {
    document = (await store.flows.getDraft(flow.tenantId, flow.id))?.document;
  } else {
    const v = await store.versions.get(flow.tenantId, flow.id, version);
    if (!v) throw notFound();
    document = JSON.parse(v.canonicalJson) as unknown;
  }
  if (document === undefined) throw notFound();
  const result = flowTools.load(document, await store.handoffTargets.list(flow.tenantId));
  if (!result.ok) {
    throw new ApiError(
      422,
      'draft.has-errors',
      'The flow has problems; fix them first / Der Ablauf hat Fehler',
      { diagnostics: result.diagnostics },
    );
  }
  return {
    compiled: result.compiled,
    version: version === undefined || version === 'draft' ? null : version,
  };
}

/** What this server turned on at the vendors (the phone runtime's settings): the record says what holds here. */
export function vendorSettings(deps: Pick<AppDeps, 'phone'>): Required<VendorSettings> {
  return { elevenLabsZeroRetention: deps.phone?.elevenLabsZeroRetention === true };
}

export function privacyRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(privacy, async (c) => {
    resolvedFlow(c);
    allow(c, 'flows:read');
    const q = c.req.valid('query');
    const { compiled } = await compiledFlowFor(
      c,
      q.version === undefined || q.version === 'draft' ? 'draft' : Number(q.version),
    );
    const mailer = c.get('deps').mailer;
    const record = buildProcessingRecord(compiled.flow, {
      contentHash: compiled.contentHash,
      vendors: vendorSettings(c.get('deps')),
      ...(mailer ? { smtpHost: mailer.host } : {}),
    });
    return c.body(renderProcessingRecordMarkdown(record, q.lang ?? 'de'), 200, {
      'Content-Type': 'text/markdown; charset=utf-8',
    });
  });
}
