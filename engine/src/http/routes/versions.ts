// Publishing: a version is the compiled, canonical flow, immutable once written. Publishing is
// refused (422 with the diagnostics) while the draft has errors.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { FlowVersion } from '../../store/types';
import { prewarmInBackground } from '../../phone/prewarm';
import { allow, audit, resolvedFlow, type AppContext, type AppEnv } from '../context';
import { ApiError, notFound } from '../errors';
import {
  DiffParams,
  errorResponses,
  FlowChange,
  FlowParams,
  jsonContent,
  SECURITY,
  VersionBody,
  VersionParams,
  VersionSummary,
} from '../schemas';

const base = { tags: ['versions'], security: SECURITY };
const PublishBody = z.object({ message: z.string().min(1).max(500) }).openapi('Publish');
const RollbackBody = z.object({ message: z.string().min(1).max(500).optional() }).openapi('Rollback');
const Published = z.object({ version: VersionSummary, created: z.boolean() });

export const publish = createRoute({
  ...base,
  method: 'post',
  path: '/api/flows/{id}/versions',
  summary: 'Publish the draft as a new immutable version (refused while it has errors)',
  request: {
    params: FlowParams,
    body: { content: { 'application/json': { schema: PublishBody } }, required: true },
  },
  responses: {
    201: jsonContent(Published, 'Published'),
    200: jsonContent(Published, 'Unchanged: the latest version already has this content'),
    ...errorResponses(400, 401, 403, 404, 422),
  },
});
export const list = createRoute({
  ...base,
  method: 'get',
  path: '/api/flows/{id}/versions',
  summary: 'Published versions, newest first',
  request: { params: FlowParams },
  responses: {
    200: jsonContent(z.object({ versions: z.array(VersionSummary) }), 'Versions'),
    ...errorResponses(401, 403, 404),
  },
});
export const get = createRoute({
  ...base,
  method: 'get',
  path: '/api/flows/{id}/versions/{v}',
  summary: 'One version with its flow document',
  request: { params: VersionParams },
  responses: { 200: jsonContent(VersionBody, 'Version'), ...errorResponses(401, 403, 404) },
});
export const diff = createRoute({
  ...base,
  method: 'get',
  path: '/api/flows/{id}/versions/{a}/diff/{b}',
  summary: 'Semantic changes from version a to b',
  request: { params: DiffParams },
  responses: {
    200: jsonContent(z.object({ from: z.number(), to: z.number(), changes: z.array(FlowChange) }), 'Changes'),
    ...errorResponses(401, 403, 404),
  },
});
export const rollback = createRoute({
  ...base,
  method: 'post',
  path: '/api/flows/{id}/versions/{v}/rollback',
  summary: 'Publish the content of version v again as a new version and reset the draft to it',
  request: {
    params: VersionParams,
    body: { content: { 'application/json': { schema: RollbackBody } }, required: false },
  },
  responses: { 201: jsonContent(Published, 'Rolled back'), ...errorResponses(401, 403, 404) },
});

const summary = ({ canonicalJson: _c, flowId: _f, ...v }: FlowVersion) => v;

/** Version numbers are positive integers; anything else is simply not found. */
function parseVersion(raw: string | undefined): number {
  if (!raw || !/^[1-9][0-9]{0,8}$/.test(raw)) throw notFound();
  return Number(raw);
}

async function loadVersion(c: AppContext, raw: string | undefined): Promise<FlowVersion> {
  const flow = resolvedFlow(c);
  const version = await c.get('deps').store.versions.get(flow.tenantId, flow.id, parseVersion(raw));
  if (!version) throw notFound();
  return version;
}

/** Compiles `document` and appends it as a version unless the latest already has the same content. */
async function appendVersion(c: AppContext, document: unknown, message: string) {
  const { store, flowTools } = c.get('deps');
  const flow = resolvedFlow(c);
  const p = allow(c, 'flows:publish');
  const result = flowTools.load(document, await store.handoffTargets.list(p.tenantId));
  if (!result.ok) {
    throw new ApiError(
      422,
      'draft.has-errors',
      'The draft has problems; fix them first / Der Entwurf hat Fehler',
      {
        diagnostics: result.diagnostics,
      },
    );
  }
  // Phone calls of this version should start from the prompt cache: warm it in the background.
  prewarmInBackground(c.get('deps'), p.tenantId, result.compiled);
  const latest = await store.versions.latest(p.tenantId, flow.id);
  if (latest && latest.contentHash === result.compiled.contentHash)
    return { version: summary(latest), created: false };
  const version = await store.versions.append(p.tenantId, flow.id, {
    contentHash: result.compiled.contentHash,
    canonicalJson: flowTools.canonicalJson(result.compiled.flow),
    message,
    authorId: p.actorId,
  });
  await audit(c, 'version.publish', 'flow_version', `${flow.id}@${version.number}`);
  return { version: summary(version), created: true };
}

export function versionRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(publish, async (c) => {
    const flow = resolvedFlow(c);
    allow(c, 'flows:publish');
    const draft = await c.get('deps').store.flows.getDraft(flow.tenantId, flow.id);
    if (!draft) throw notFound();
    const out = await appendVersion(c, draft.document, c.req.valid('json').message);
    return c.json(out, out.created ? 201 : 200);
  });

  app.openapi(list, async (c) => {
    const flow = resolvedFlow(c);
    allow(c, 'flows:read');
    const versions = await c.get('deps').store.versions.list(flow.tenantId, flow.id);
    return c.json({ versions: versions.map(({ flowId: _f, ...v }) => v) }, 200);
  });

  app.openapi(get, async (c) => {
    const version = await loadVersion(c, c.req.param('v'));
    allow(c, 'flows:read');
    return c.json({ ...summary(version), flow: JSON.parse(version.canonicalJson) as unknown }, 200);
  });

  app.openapi(diff, async (c) => {
    const a = await loadVersion(c, c.req.param('a'));
    const b = await loadVersion(c, c.req.param('b'));
    allow(c, 'flows:read');
    const changes = c.get('deps').flowTools.diff(JSON.parse(a.canonicalJson), JSON.parse(b.canonicalJson));
    return c.json({ from: a.number, to: b.number, changes }, 200);
  });

  app.openapi(rollback, async (c) => {
    const target = await loadVersion(c, c.req.param('v'));
    const p = allow(c, 'flows:publish');
    const flow = resolvedFlow(c);
    const store = c.get('deps').store;
    const document = JSON.parse(target.canonicalJson) as unknown;
    const body = (await c.req.json().catch(() => ({}))) as { message?: unknown };
    const message =
      typeof body.message === 'string' && body.message.length <= 500 && body.message
        ? body.message
        : `Rollback to version ${target.number}`;
    // A rollback publishes a *new* version so history stays append-only and numbers bound to
    // "latest" follow it; the draft is reset so the next edit starts from what is live.
    const version = await store.versions.append(p.tenantId, flow.id, {
      contentHash: target.contentHash,
      canonicalJson: target.canonicalJson,
      message,
      authorId: p.actorId,
    });
    const draft = await store.flows.getDraft(p.tenantId, flow.id);
    if (draft) {
      await store.flows.saveDraft(p.tenantId, flow.id, {
        document,
        expectedRevision: draft.revision,
        userId: p.userId,
      });
    }
    await audit(c, 'version.rollback', 'flow_version', `${flow.id}@${version.number}`);
    return c.json({ version: summary(version), created: true }, 201);
  });
}
