// Sends one call note to a business's webhook. One attempt per call; retrying is the job of the
// delivery queue (in RAM for zero-persistence flows, in the store otherwise).
import { IDEMPOTENCY_HEADER, SIGNATURE_HEADER, signWebhook } from './signature';

export interface WebhookTarget {
  url: string;
  secret: string;
}

export type AttemptResult =
  { ok: true; status: number } | { ok: false; retryable: boolean; code: string; status?: number };

export interface SendOptions {
  timeoutMs?: number;
  nowSeconds?: number;
  fetchImpl?: typeof fetch;
}

/** 408, 425, 429 and 5xx are worth retrying; other 4xx mean the receiver will never accept it. */
function retryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

export async function sendWebhook(
  target: WebhookTarget,
  idempotencyKey: string,
  body: string,
  options: SendOptions = {},
): Promise<AttemptResult> {
  const fetchImpl = options.fetchImpl ?? fetch;
  const now = options.nowSeconds ?? Date.now() / 1000;
  try {
    const response = await fetchImpl(target.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [SIGNATURE_HEADER]: signWebhook(target.secret, body, now),
        [IDEMPOTENCY_HEADER]: idempotencyKey,
        'user-agent': 'Callflow-Webhook/1',
      },
      body,
      redirect: 'manual', // a redirect could send the note somewhere the business never configured
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    await response.body?.cancel();
    if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
    return {
      ok: false,
      retryable: retryableStatus(response.status),
      code: 'webhook.http-status',
      status: response.status,
    };
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    return { ok: false, retryable: true, code: timedOut ? 'webhook.timeout' : 'webhook.network' };
  }
}
