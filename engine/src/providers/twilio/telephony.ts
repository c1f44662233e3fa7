// Telephony port on Twilio's REST API: a handoff replaces the live call's instructions with
// a <Dial>, which also ends our media stream (Twilio closes the WebSocket).
import twilio from 'twilio';
import { ProviderError } from '../../ports/provider-error';
import type { Telephony, TransferRequest } from '../../ports/telephony';
import { RedirectingRequestClient } from './request-client';
import { dialTwiml } from './twiml';

export interface TwilioTelephonyOptions {
  /** Starts with "AC". */
  readonly accountSid: string;
  readonly authToken: string;
  /** e.g. http://127.0.0.1:PORT for the fake REST API; unset = api.twilio.com. */
  readonly apiBaseUrl?: string;
}

const LIVE: ReadonlySet<string> = new Set(['queued', 'ringing', 'in-progress']);

export class TwilioTelephony implements Telephony {
  private readonly client: twilio.Twilio;

  constructor(options: TwilioTelephonyOptions) {
    if (!options.accountSid.startsWith('AC')) throw new Error('Twilio account SID must start with AC');
    this.client = twilio(options.accountSid, options.authToken, {
      autoRetry: false,
      ...(options.apiBaseUrl ? { httpClient: new RedirectingRequestClient(options.apiBaseUrl) } : {}),
    });
  }

  async transfer(request: TransferRequest): Promise<void> {
    const twiml = dialTwiml(request);
    const status = request.statusCallbackUrl
      ? { statusCallback: request.statusCallbackUrl, statusCallbackMethod: 'POST' }
      : {};
    await this.updateCall(request.callSid, { twiml, ...status }, 'transfer_failed');
  }

  async hangup(callSid: string): Promise<void> {
    await this.updateCall(callSid, { status: 'completed' }, 'hangup_failed');
  }

  /**
   * Whether the call is still up (queued, ringing or in progress): true / false, or undefined
   * when Twilio could not be asked. A stream that closes during a transfer uses it to tell "the
   * transfer took the call" from "the caller hung up" — the stream's `stop` looks the same.
   */
  async isLive(callSid: string): Promise<boolean | undefined> {
    try {
      const call = await this.client.calls(callSid).fetch();
      return LIVE.has(call.status);
    } catch (error) {
      return (error as { status?: unknown })?.status === 404 ? false : undefined;
    }
  }

  private async updateCall(
    callSid: string,
    params: { twiml?: string; status?: 'completed'; statusCallback?: string; statusCallbackMethod?: string },
    code: string,
  ): Promise<void> {
    try {
      await this.client.calls(callSid).update(params);
    } catch (error) {
      throw toProviderError(error, code);
    }
  }
}

/** Twilio's RestException carries an HTTP status; 5xx, 429 and network errors are worth a retry. */
function toProviderError(error: unknown, code: string): ProviderError {
  const status =
    typeof (error as { status?: unknown })?.status === 'number' ? (error as { status: number }).status : 0;
  const retryable = status === 0 || status === 429 || status >= 500;
  return new ProviderError({
    provider: 'twilio',
    code,
    retryable,
    ...(status ? { status } : {}),
    cause: error,
  });
}
