// Twilio webhook signatures (X-Twilio-Signature): HMAC-SHA1 over the public URL plus the
// sorted POST parameters. Behind a proxy the URL must be rebuilt from the configured public
// base URL, never taken from the internal request.
import twilio from 'twilio';

export type TwilioParams = Readonly<Record<string, string>>;

/** True when `signature` is what Twilio would send for this URL and form body. */
export function isValidTwilioSignature(
  authToken: string,
  signature: string | undefined,
  url: string,
  params: TwilioParams,
): boolean {
  if (!signature || !authToken) return false;
  return twilio.validateRequest(authToken, signature, url, { ...params });
}

/** The signature Twilio would send (used by the caller harness and tests to act like Twilio). */
export function twilioSignature(authToken: string, url: string, params: TwilioParams): string {
  return twilio.getExpectedTwilioSignature(authToken, url, { ...params });
}
