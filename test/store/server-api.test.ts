// The HTTP API over each store dialect: what a user does in the designer and with a CI token —
// create, save under an ETag, publish, bind a number, use a token — behaves the same on SQLite
// and on PostgreSQL, and another organisation sees none of it.
import { expect, it } from 'vitest';
import { brokenFlow, validFlow } from '../server/fixtures';
import { createHarness, publishedFlow } from '../server/harness';
import { describeStores } from './describe-stores';

const json = async (res: Response) => (await res.json()) as Record<string, any>;

describeStores('server API', (d) => {
  it('creates, saves under an ETag (412 when stale), publishes, binds a number and routes it; the other organisation sees nothing', async () => {
    const h = await createHarness({ store: (await d.open()).store });
    const { flow } = await json(await h.as(h.own.editor, 'POST', '/api/flows', { flow: validFlow() }));
    const path = `/api/flows/${flow.id}/draft`;
    const etag = (await h.as(h.own.editor, 'GET', path)).headers.get('etag') ?? '';
    const saved = await h.as(h.own.editor, 'PUT', path, brokenFlow(), { 'If-Match': etag });
    expect(saved.status).toBe(200);
    expect((await h.as(h.own.owner, 'PUT', path, validFlow(), { 'If-Match': etag })).status).toBe(412);
    expect((await h.as(h.own.editor, 'POST', '/api/flows', { flow: validFlow() })).status).toBe(409);

    const id = await publishedFlow(h, h.own.editor, 'linie');
    await h.assign('+4930123456', h.own.owner.tenantId);
    expect(
      (await h.as(h.own.editor, 'PUT', '/api/numbers', { number: '+4930123456', flowId: id })).status,
    ).toBe(200);
    expect((await h.store.routing.resolveNumber('+4930123456'))?.tenantId).toBe(h.own.owner.tenantId);
    expect((await h.as(h.own.owner, 'DELETE', `/api/flows/${id}`)).status).toBe(409);

    expect((await h.as(h.foreign, 'GET', `/api/flows/${id}`)).status).toBe(404);
    expect((await json(await h.as(h.foreign, 'GET', '/api/flows'))).flows).toEqual([]);
    expect(
      (await h.as(h.foreign, 'PUT', '/api/numbers', { number: '+4930123456', flowId: id })).status,
    ).not.toBe(200);
  });

  it('honours an API token until it is revoked', async () => {
    const h = await createHarness({ store: (await d.open()).store });
    const { token, secret } = await json(
      await h.as(h.own.owner, 'POST', '/api/tokens', { name: 'CI', scopes: ['flows:read'] }),
    );
    expect((await h.withToken(secret, 'GET', '/api/flows')).status).toBe(200);
    expect((await h.withToken(secret, 'POST', '/api/flows', { flow: validFlow() })).status).toBe(403);
    expect((await h.as(h.own.owner, 'DELETE', `/api/tokens/${token.id}`)).status).toBe(204);
    expect((await h.withToken(secret, 'GET', '/api/flows')).status).toBe(401);
  });
});
