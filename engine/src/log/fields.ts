// The allow-list: the only keys a log line may carry, each with a narrow shape.
//
// Why shapes and not just keys: pino's redaction works by key path, so anything that reaches a
// permitted key would still be printed. Here every string field accepts one short token of a
// fixed pattern (no spaces, no "+", no "@", no umlauts), so a sentence, a phone number, an e-mail
// address or a stack trace cannot pass even when a programmer puts it under a permitted key.
// Residual risk (documented in README.md): a single ASCII word could still pass as an id or code.
// The runtime check and the JSON Schema (schema.ts) are both derived from this one table.

export const OUTCOMES = [
  'ok',
  'error',
  'retry',
  'fallback',
  'timeout',
  'rejected',
  'denied',
  'skipped',
  'started',
  'stopped',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
const HTTP_METHOD_SET: ReadonlySet<string> = new Set(HTTP_METHODS);
const isHttpMethod = (method: string): method is HttpMethod => HTTP_METHOD_SET.has(method);

/** A request's method as a log field: one of HTTP_METHODS, or nothing for anything else. */
export const httpMethod = (method: string): { method?: HttpMethod } =>
  isHttpMethod(method) ? { method } : {};

export type FieldSpec =
  | { kind: 'string'; pattern: RegExp; description: string }
  | { kind: 'enum'; values: readonly string[]; description: string }
  | { kind: 'integer'; min: number; max: number; description: string }
  | { kind: 'number'; min: number; max: number; description: string }
  | { kind: 'boolean'; description: string };

/** Dotted lowercase identifier: `call.started`, `provider.openai.extract`. */
export const EVENT_PATTERN = /^[a-z][a-z0-9_]{0,31}(\.[a-z0-9_]{1,32}){0,4}$/;
/** Error class names (`TypeError`), Node codes (`ECONNRESET`) or dotted codes (`rate_limited`). */
export const CODE_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,47}(\.[A-Za-z0-9_]{1,32}){0,3}$/;
/**
 * Generated or configured ids: a token that starts with a letter (`tx_01H…`, Twilio `CA…`, flow
 * slugs), a UUID or a ULID. Starting with a letter keeps spoken phone numbers (`0171…`) out.
 */
export const ID_PATTERN =
  /^(?:[A-Za-z][A-Za-z0-9_-]{0,79}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-7][0-9A-HJKMNP-TV-Z]{25})$/;
/** Lowercase token for providers, stages, reasons. */
const TOKEN_PATTERN = /^[a-z][a-z0-9_-]{0,31}$/;
/**
 * A route *pattern* (`/api/flows/:id`), never a concrete path: literal segments are lowercase
 * words without digits (except a version like `v1`), so `/api/calls/tx123` is rejected. Hono's
 * `c.req.routePath` gives exactly such patterns (`*` for a catch-all).
 */
export const ROUTE_PATTERN =
  /^(?:\*|(\/([a-z][a-z._-]{0,31}|v[0-9]{1,2}|:[a-zA-Z][a-zA-Z0-9]{0,31}|\*))*\/?)$/;

const id = (description: string): FieldSpec => ({ kind: 'string', pattern: ID_PATTERN, description });

/** Fields a caller may pass (besides the event, which is the first argument). */
export const FIELD_SPECS = {
  outcome: { kind: 'enum', values: OUTCOMES, description: 'What happened.' },
  code: { kind: 'string', pattern: CODE_PATTERN, description: 'Stable error or result code.' },
  ms: { kind: 'number', min: 0, max: 86_400_000, description: 'Duration in milliseconds.' },
  count: { kind: 'integer', min: 0, max: 1e12, description: 'How many.' },
  bytes: { kind: 'integer', min: 0, max: 1e13, description: 'Size in bytes.' },
  attempt: { kind: 'integer', min: 0, max: 1000, description: 'Attempt number of a retry.' },
  status: { kind: 'integer', min: 100, max: 599, description: 'HTTP status.' },
  port: { kind: 'integer', min: 0, max: 65535, description: 'TCP port.' },
  worker: {
    kind: 'integer',
    min: 0,
    max: 1024,
    description: 'Worker process of the instance (CALLFLOW_WORKERS).',
  },
  version: { kind: 'integer', min: 0, max: 1e9, description: 'A version number (flow, schema).' },
  seq: { kind: 'integer', min: 0, max: 1e15, description: 'Position in a chain (deletion receipts).' },
  retryable: { kind: 'boolean', description: 'Whether a failure may be retried.' },
  method: { kind: 'enum', values: HTTP_METHODS, description: 'HTTP method.' },
  route: { kind: 'string', pattern: ROUTE_PATTERN, description: 'Route pattern, never a concrete path.' },
  provider: { kind: 'string', pattern: TOKEN_PATTERN, description: 'Vendor: openai, google, …' },
  stage: { kind: 'string', pattern: TOKEN_PATTERN, description: 'Pipeline stage: stt, tts, llm, …' },
  reason: { kind: 'string', pattern: TOKEN_PATTERN, description: 'Why (a fixed token).' },
  txId: id('Transaction (call) id.'),
  tenantId: id('Tenant id.'),
  flowId: id('Flow id.'),
  nodeId: id('Flow node id.'),
  requestId: id('HTTP request id.'),
  userId: id('Account id (the person concerned; never their e-mail address).'),
} as const satisfies Record<string, FieldSpec>;

export type FieldName = keyof typeof FIELD_SPECS;

/** What callers may pass. Strings are still checked at run time against the patterns above. */
export interface LogFields {
  outcome?: Outcome;
  code?: string;
  ms?: number;
  count?: number;
  bytes?: number;
  attempt?: number;
  status?: number;
  port?: number;
  worker?: number;
  version?: number;
  seq?: number;
  retryable?: boolean;
  method?: HttpMethod;
  route?: string;
  provider?: string;
  stage?: string;
  reason?: string;
  txId?: string;
  tenantId?: string;
  flowId?: string;
  nodeId?: string;
  requestId?: string;
  userId?: string;
}

/** Fields bound to a child logger: ids only. */
export type BoundFields = Pick<
  LogFields,
  'txId' | 'tenantId' | 'flowId' | 'nodeId' | 'requestId' | 'provider' | 'stage'
>;

// Compile-time check: LogFields and FIELD_SPECS name exactly the same keys.
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : never) : never;
const _sameKeys: SameKeys<LogFields, typeof FIELD_SPECS> = true;
void _sameKeys;

export const REJECTED = '[rejected]';

/** True when `value` has the shape `spec` allows. Never inspects anything but the value itself. */
export function fieldAccepts(spec: FieldSpec, value: unknown): boolean {
  switch (spec.kind) {
    case 'string':
      return typeof value === 'string' && spec.pattern.test(value);
    case 'enum':
      return typeof value === 'string' && spec.values.includes(value);
    case 'integer':
      return Number.isInteger(value) && (value as number) >= spec.min && (value as number) <= spec.max;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) && value >= spec.min && value <= spec.max;
    case 'boolean':
      return typeof value === 'boolean';
  }
}

export function isFieldName(key: string): key is FieldName {
  return Object.prototype.hasOwnProperty.call(FIELD_SPECS, key);
}
