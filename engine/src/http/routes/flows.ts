// Flows and their drafts. A draft is the working copy: it may hold errors, every save answers
// with the diagnostics, and `If-Match` with the draft's ETag guards against silent overwrites.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { BLANK_TEMPLATE_ID, blankFlow } from '../../flow/format/blank';
import { slugFromTitle, uniqueSlug } from '../../flow/format/slug';
import { withSchemaDefaults } from '../../flow/index';
import { ConflictError, type Draft, type FlowRow } from '../../store/types';
import { allow, audit, principal, resolvedFlow, type AppContext, type AppEnv } from '../context';
import { ApiError, notFound } from '../errors';
import {
  DraftBody,
  errorResponses,
  FlowDocument,
  FlowParams,
  FlowSummary,
  jsonContent,
  SECURITY,
} from '../schemas';

const CreateBody = z
  .object({
    flow: FlowDocument.optional(),
    template: z
      .string()
      .max(64)
      .optional()
      .openapi({ description: 'Id of an example flow, e.g. "arztpraxis", or "leer" for the blank flow.' }),
    name: z.string().trim().min(1).max(200).optional().openapi({
      description:
        'Name of the new flow; its id is derived from it (German transliteration, "-2"… when taken). Without it the id comes from the document or the template.',
    }),
  })
  .openapi('CreateFlow');

const base = { tags: ['flows'], security: SECURITY };

export const list = createRoute({
  ...base,
  method: 'get',
  path: '/api/flows',
  summary: 'All flows of the organisation',
  responses: {
    200: jsonContent(z.object({ flows: z.array(FlowSummary) }), 'Flows'),
    ...errorResponses(401, 403),
  },
});
export const create = createRoute({
  ...base,
  method: 'post',
  path: '/api/flows',
  summary: 'Create a flow from JSON or from a template',
  request: { body: { content: { 'application/json': { schema: CreateBody } }, required: true } },
  responses: {
    201: jsonContent(z.object({ flow: FlowSummary, draft: DraftBody }), 'Created'),
    ...errorResponses(400, 401, 403, 409),
  },
});
const get = createRoute({
  ...base,
  method: 'get',
  path: '/api/flows/{id}',
  summary: 'One flow',
  request: { params: FlowParams },
  responses: { 200: jsonContent(z.object({ flow: FlowSummary }), 'Flow'), ...errorResponses(401, 403, 404) },
});
const remove = createRoute({
  ...base,
  method: 'delete',
  path: '/api/flows/{id}',
  summary: 'Delete a flow with its draft and versions',
  request: { params: FlowParams },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(401, 403, 404, 409) },
});
export const getDraft = createRoute({
  ...base,
  method: 'get',
  path: '/api/flows/{id}/draft',
  summary: 'The working copy with its diagnostics and ETag',
  request: { params: FlowParams },
  responses: { 200: jsonContent(DraftBody, 'Draft'), ...errorResponses(401, 403, 404) },
});
export const putDraft = createRoute({
  ...base,
  method: 'put',
  path: '/api/flows/{id}/draft',
  summary: 'Save the working copy (requires If-Match with the ETag from the last read)',
  request: {
    params: FlowParams,
    headers: z.object({
      'if-match': z.string().optional().openapi({ description: 'ETag of the draft being replaced' }),
    }),
    body: { content: { 'application/json': { schema: FlowDocument } }, required: true },
  },
  responses: { 200: jsonContent(DraftBody, 'Saved'), ...errorResponses(400, 401, 403, 404, 412, 428) },
});

export const draftEtag = (d: Pick<Draft, 'flowId' | 'revision'>): string => `"${d.flowId}.r${d.revision}"`;

export async function draftBody(c: AppContext, draft: Draft) {
  const { store, flowTools } = c.get('deps');
  const targets = await store.handoffTargets.list(principal(c).tenantId);
  const { diagnostics } = flowTools.load(draft.document, targets);
  return {
    flowId: draft.flowId,
    revision: draft.revision,
    etag: draftEtag(draft),
    updatedAt: draft.updatedAt,
    document: draft.document,
    diagnostics,
  };
}

export async function flowSummary(c: AppContext, flow: FlowRow) {
  const { store, flowTools } = c.get('deps');
  const latest = await store.versions.latest(flow.tenantId, flow.id);
  // Draft vs. live at a glance (the flow list): the semantic diff, so moving a card is no change.
  const draft = latest ? await store.flows.getDraft(flow.tenantId, flow.id) : undefined;
  const draftChanges =
    latest && draft
      ? flowTools.diff(JSON.parse(latest.canonicalJson), withSchemaDefaults(draft.document)).length
      : 0;
  return {
    id: flow.id,
    slug: flow.slug,
    name: flow.name,
    createdAt: flow.createdAt,
    updatedAt: flow.updatedAt,
    latestVersion: latest?.number ?? null,
    draftChanges,
  };
}

/** Looks the flow up *in the caller's tenant*; anything else (foreign, missing, malformed) is 404. */
export function resolveFlow(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const p = principal(c);
    const id = c.req.param('id');
    const flow = id ? await c.get('deps').store.flows.get(p.tenantId, id) : undefined;
    if (!flow) throw notFound();
    c.set('flow', flow);
    return next();
  };
}

async function documentFor(
  c: AppContext,
  body: z.infer<typeof CreateBody>,
): Promise<Record<string, unknown>> {
  if (Boolean(body.flow) === Boolean(body.template)) {
    throw new ApiError(
      400,
      'flow.create-needs-one',
      'Send either "flow" or "template" / Entweder "flow" oder "template" angeben',
    );
  }
  if (body.flow) return structuredClone(body.flow);
  if (body.template === BLANK_TEMPLATE_ID) {
    // The transfer for "no" rings the organisation's first target, so the blank flow can go live.
    const [target] = await c.get('deps').store.handoffTargets.list(principal(c).tenantId);
    const blank: Record<string, unknown> = blankFlow(target?.id);
    return blank;
  }
  const template = c.get('deps').templates.get(body.template ?? '');
  if (!template) throw new ApiError(400, 'flow.unknown-template', 'Unknown template / Unbekannte Vorlage');
  return structuredClone(template) as Record<string, unknown>;
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** The id a new flow asks for: from the name given, else the document's own id ("" for none). */
function wantedSlug(doc: Record<string, unknown>, name: string | undefined): string {
  if (name) return slugFromTitle(name);
  return typeof doc.id === 'string' && SLUG.test(doc.id) ? doc.id : '';
}

/** Creates the flow under the first free id (`praxis`, `praxis-2`…) when `unique` (a template or a
 * name: used any number of times); a document pushed with its own id keeps exactly that id, so an
 * integrator's script learns from 409 that it exists instead of silently getting a copy. */
async function createUnique(
  c: AppContext,
  doc: Record<string, unknown>,
  wanted: string,
  unique: boolean,
): Promise<FlowRow> {
  const p = principal(c);
  const store = c.get('deps').store;
  for (let attempt = 0; ; attempt++) {
    const taken = new Set((await store.flows.list(p.tenantId)).map((f) => f.slug));
    const slug = unique ? uniqueSlug(wanted, (s) => taken.has(s)) : wanted;
    const document = { ...doc, id: slug };
    try {
      return await store.flows.create(p.tenantId, {
        slug,
        name: nameOf(document) ?? slug,
        document,
        userId: p.userId,
      });
    } catch (e) {
      // Someone else took the id in between: look again (a few times), then report it.
      if (!(e instanceof ConflictError) || !unique || attempt >= 3) throw e;
    }
  }
}
const nameOf = (doc: Record<string, unknown>): string | undefined =>
  typeof doc.name === 'string' && doc.name.length > 0 && doc.name.length <= 200 ? doc.name : undefined;

export function flowRoutes(app: OpenAPIHono<AppEnv>): void {
  app.use('/api/flows/:id', resolveFlow());
  app.use('/api/flows/:id/*', resolveFlow());

  app.openapi(list, async (c) => {
    const p = allow(c, 'flows:read');
    const rows = await c.get('deps').store.flows.list(p.tenantId);
    return c.json({ flows: await Promise.all(rows.map((f) => flowSummary(c, f))) }, 200);
  });

  app.openapi(create, async (c) => {
    const p = allow(c, 'flows:write');
    const body = c.req.valid('json');
    const doc = await documentFor(c, body);
    if (body.name) doc.name = body.name;
    const wanted = wantedSlug(doc, body.name);
    if (!wanted)
      throw new ApiError(
        400,
        'flow.id-invalid',
        'Give the flow a name (or a valid "id") / Geben Sie dem Anrufablauf einen Namen',
      );
    let flow: FlowRow;
    try {
      flow = await createUnique(c, doc, wanted, Boolean(body.name || body.template));
    } catch (e) {
      if (e instanceof ConflictError)
        throw new ApiError(
          409,
          'flow.slug-taken',
          'A flow with this id exists / Ein Ablauf mit dieser id existiert',
        );
      throw e;
    }
    const store = c.get('deps').store;
    await audit(c, 'flow.create', 'flow', flow.id);
    const draft = await store.flows.getDraft(p.tenantId, flow.id);
    if (!draft) throw notFound();
    return c.json({ flow: await flowSummary(c, flow), draft: await draftBody(c, draft) }, 201);
  });

  app.openapi(get, async (c) => {
    allow(c, 'flows:read');
    return c.json({ flow: await flowSummary(c, resolvedFlow(c)) }, 200);
  });

  app.openapi(remove, async (c) => {
    const p = allow(c, 'flows:write');
    const flow = resolvedFlow(c);
    try {
      await c.get('deps').store.flows.delete(p.tenantId, flow.id);
    } catch (e) {
      if (e instanceof ConflictError)
        throw new ApiError(
          409,
          e.code,
          'A phone number still uses this flow / Eine Rufnummer nutzt diesen Ablauf noch',
        );
      throw e;
    }
    await audit(c, 'flow.delete', 'flow', flow.id);
    return c.body(null, 204);
  });

  app.openapi(getDraft, async (c) => {
    const p = allow(c, 'flows:read');
    const draft = await c.get('deps').store.flows.getDraft(p.tenantId, resolvedFlow(c).id);
    if (!draft) throw notFound();
    c.header('ETag', draftEtag(draft));
    return c.json(await draftBody(c, draft), 200);
  });

  app.openapi(putDraft, async (c) => {
    const p = allow(c, 'flows:write');
    const flow = resolvedFlow(c);
    const ifMatch = c.req.header('If-Match');
    if (!ifMatch)
      throw new ApiError(
        428,
        'precondition_required',
        'Send If-Match with the draft ETag / If-Match mit dem ETag des Entwurfs senden',
      );
    const store = c.get('deps').store;
    const current = await store.flows.getDraft(p.tenantId, flow.id);
    if (!current) throw notFound();
    if (ifMatch !== draftEtag(current)) throw conflict(current);
    const document = c.req.valid('json');
    const saved = await store.flows.saveDraft(p.tenantId, flow.id, {
      document,
      name: nameOf(document),
      expectedRevision: current.revision,
      userId: p.userId,
    });
    if ('conflict' in saved) throw conflict(saved.conflict);
    await audit(c, 'draft.save', 'flow', flow.id);
    c.header('ETag', draftEtag(saved));
    return c.json(await draftBody(c, saved), 200);
  });
}

const conflict = (current: Draft) =>
  new ApiError(
    412,
    'draft.changed',
    'Someone saved the draft in the meantime / Der Entwurf wurde zwischenzeitlich gespeichert',
    {
      etag: draftEtag(current),
      revision: current.revision,
    },
  );
