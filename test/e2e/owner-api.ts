// The demo organisation's owner, logged in over HTTP: browser tests prepare data through the API
// (a live test call, a published version) and then look at it in the designer.
import { expect } from 'vitest';
import { ADMIN } from './server';

export interface OwnerResponse<T> {
  status: number;
  data: T;
  text: string;
}

type Request = (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<OwnerResponse<unknown>>;

/** Requests as the owner, answered with status, parsed body and text; a failure status throws. */
export async function ownerRequests(base: string) {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  expect(login.status).toBe(200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const request: Request = async (method, path, body, headers = {}) => {
    const res = await fetch(base + path, {
      method,
      headers: {
        Cookie: cookie,
        'X-CSRF-Token': csrfToken,
        ...(body ? { 'Content-Type': 'application/json' } : {}),
        ...headers,
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    const data: unknown = res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null;
    return { status: res.status, text, data };
  };
  return <T>(method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    request(method, path, body, headers) as Promise<OwnerResponse<T>>;
}

export type OwnerCall = <T>(
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<T>;

/** Requests as the owner, answered with the parsed body. */
export async function ownerApi(base: string): Promise<OwnerCall> {
  const request = await ownerRequests(base);
  return async <T>(method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    (await request<T>(method, path, body, headers)).data;
}
