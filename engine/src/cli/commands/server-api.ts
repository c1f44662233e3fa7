// The server commands' connection: CALLFLOW_URL (default http://localhost:8787) and
// CALLFLOW_TOKEN (an API token, `Authorization: Bearer`). Errors come back as one readable line
// from the server's `{ error: { code, message } }`. Not a command itself.
import type { Diagnostic } from '../../flow/diagnostics';
import type { CliIO } from '../command';

export interface ServerApi {
  baseUrl: string;
  call<T>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<ApiAnswer<T>>;
}

export type ApiAnswer<T> =
  | { ok: true; status: number; body: T; headers: Headers }
  | { ok: false; status: number; code: string; message: string; details: unknown };

export const DEFAULT_URL = 'http://localhost:8787';

export function serverApi(io: CliIO, token: string | undefined = io.env.CALLFLOW_TOKEN): ServerApi {
  const baseUrl = (io.env.CALLFLOW_URL || DEFAULT_URL).replace(/\/+$/, '');
  return {
    baseUrl,
    async call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
      let res: Response;
      try {
        res = await fetch(baseUrl + path, {
          method,
          headers: {
            ...(token ? { Authorization: `Bearer ${token}` } : {}),
            ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
            ...headers,
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(30_000),
        });
      } catch {
        return {
          ok: false,
          status: 0,
          code: 'unreachable',
          message: `server not reachable at ${baseUrl}`,
          details: null,
        };
      }
      const text = await res.text();
      const parsed = text ? (JSON.parse(text) as unknown) : undefined;
      if (res.ok) return { ok: true, status: res.status, body: parsed as T, headers: res.headers };
      const err = (parsed as { error?: { code?: string; message?: string; details?: unknown } } | undefined)
        ?.error;
      return {
        ok: false,
        status: res.status,
        code: err?.code ?? `http_${res.status}`,
        message: err?.message ?? res.statusText,
        details: err?.details ?? null,
      };
    },
  };
}

/** Prints a failed call as `callflow: <message> (<code>)` plus any diagnostics; returns exit 1. */
export function reportApiError(
  io: CliIO,
  answer: { code: string; message: string; details: unknown },
  lang: 'de' | 'en',
): number {
  io.stderr(`callflow: ${answer.message} (${answer.code})\n`);
  const diagnostics = (answer.details as { diagnostics?: Diagnostic[] } | null)?.diagnostics ?? [];
  for (const d of diagnostics) io.stderr(`  ${d.severity}  ${d.code}  ${d.path}\n    ${d.message[lang]}\n`);
  return 1;
}

export function needToken(io: CliIO): boolean {
  if (io.env.CALLFLOW_TOKEN) return true;
  io.stderr(
    'callflow: set CALLFLOW_TOKEN (create one with `callflow login --email …`) / CALLFLOW_TOKEN setzen\n',
  );
  return false;
}

export interface FlowListing {
  flows: { id: string; slug: string; name: string; latestVersion: number | null }[];
}

/** Finds a flow by its server id (`flw_…`) or by the flow document's id (slug). */
export async function findFlow(api: ServerApi, ref: string) {
  const list = await api.call<FlowListing>('GET', '/api/flows');
  if (!list.ok) return list;
  const flow = list.body.flows.find((f) => f.id === ref || f.slug === ref);
  return { ok: true as const, flow };
}

/** Runs one call and prints its result with `show`; errors as one line. The exit code. */
export async function showAnswer<T>(
  io: CliIO,
  lang: 'de' | 'en',
  answer: Promise<ApiAnswer<T>>,
  show: (body: T) => string,
): Promise<number> {
  const res = await answer;
  if (!res.ok) return reportApiError(io, res, lang);
  io.stdout(show(res.body));
  return 0;
}
