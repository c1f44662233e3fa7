// The short-lived stream token: the voice webhook (signature-checked) hands it to Twilio as a
// <Parameter>; the media socket gets it back in `start.customParameters` and checks it before
// any speech, LLM or TTS session exists. It binds the call, tenant, flow and version, so a
// leaked token cannot start another call or another organisation's flow, and each token opens
// one stream only (used-stream-tokens.ts remembers the tokens already used).
// A resume token (after an unanswered transfer) also carries the dial outcome: its stream
// re-attaches the parked conversation of the same call instead of starting a new one.
// Key: HKDF from the master key under its own label (same scheme as records/derived-keys.ts),
// never stored anywhere.
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

export const STREAM_TOKEN_TTL_MS = 60_000;

export interface StreamGrant {
  readonly callSid: string;
  readonly tenantId: string;
  readonly flowId: string;
  readonly version: number;
  /** Epoch ms after which the token is refused. */
  readonly expiresAt: number;
  /** Only in resume tokens: how the transfer ended; the stream continues the parked call. */
  readonly resume?: ResumeOutcome;
  /**
   * The sealed id of the process that issued it (cluster/owner.ts): only that process may open
   * the stream, so "used once" holds although each process remembers only its own used tokens.
   */
  readonly owner?: string;
}

/** Dial outcomes after which the conversation continues (the flow's fallback). */
export type ResumeOutcome = 'no-answer' | 'busy' | 'failed';
const RESUME_OUTCOMES: ReadonlySet<unknown> = new Set<ResumeOutcome>(['no-answer', 'busy', 'failed']);

export function streamTokenKey(masterKey: Buffer): Buffer {
  return Buffer.from(
    hkdfSync('sha256', masterKey, 'callflow/hkdf/v1', 'callflow/twilio-stream-token/v1', 32),
  );
}

const mac = (key: Buffer, body: string) => createHmac('sha256', key).update(`v1.${body}`).digest();

export function signStreamToken(key: Buffer, grant: StreamGrant): string {
  const body = Buffer.from(JSON.stringify(grant)).toString('base64url');
  return `v1.${body}.${mac(key, body).toString('base64url')}`;
}

/** The grant when the token is authentic, unexpired and for this call; otherwise undefined. */
export function verifyStreamToken(
  key: Buffer,
  token: string | undefined,
  callSid: string,
  now: number,
): StreamGrant | undefined {
  const parts = (token ?? '').split('.');
  if (parts.length !== 3 || parts[0] !== 'v1') return undefined;
  const given = Buffer.from(parts[2], 'base64url');
  const expected = mac(key, parts[1]);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  // Only the canonical spelling of the MAC: base64url decoding forgives padding and stray bits,
  // and a re-spelt token must not pass as another one (single use, used-stream-tokens.ts).
  if (given.toString('base64url') !== parts[2]) return undefined;
  let grant: StreamGrant;
  try {
    grant = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as StreamGrant;
  } catch {
    return undefined;
  }
  if (
    typeof grant.expiresAt !== 'number' ||
    grant.expiresAt <= now ||
    grant.expiresAt > now + STREAM_TOKEN_TTL_MS
  )
    return undefined;
  if (grant.resume !== undefined && !RESUME_OUTCOMES.has(grant.resume)) return undefined;
  return grant.callSid === callSid ? grant : undefined;
}
