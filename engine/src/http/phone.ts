// Phone numbers at the API edge: strict E.164 for bindings, and the check that keeps transfer
// targets to ordinary German lines unless the organisation explicitly allows more.
import { parsePhoneNumberWithError } from 'libphonenumber-js/max';
import { ApiError } from './errors';

/** Strict E.164: `+` and digits only, and a number libphonenumber considers possible. */
export function toE164(raw: string): string | undefined {
  if (!/^\+[1-9][0-9]{2,14}$/.test(raw)) return undefined;
  try {
    const parsed = parsePhoneNumberWithError(raw);
    return parsed.isPossible() && parsed.number === raw ? parsed.number : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A number as people type it — „030 1234567“, „+49 30 1234567“, „0049 30 1234567“ — in E.164;
 * national numbers are read as German. undefined when it cannot be a phone number.
 */
export function typedToE164(raw: string): string | undefined {
  if (!/^[0-9+()/ .-]{3,40}$/.test(raw.trim())) return undefined;
  try {
    const parsed = parsePhoneNumberWithError(raw.trim(), 'DE');
    return parsed.isPossible() ? parsed.number : undefined;
  } catch {
    return undefined;
  }
}

const invalid = (message: string) => new ApiError(400, 'number.invalid', message);

/** A number as typed („030 1234567“) in E.164, or 400 `number.invalid`, worded German first. */
export function typedNumberOrBadRequest(raw: string): string {
  const number = typedToE164(raw);
  if (number) return number;
  throw invalid(
    'Keine Rufnummer, z. B. 030 1234567 oder +49 30 1234567 / Not a phone number, e.g. +49 30 1234567',
  );
}

/** The E.164 form of a number in a request, or 400 `number.invalid`. */
export function e164OrBadRequest(raw: string): string {
  const number = toE164(raw);
  if (number) return number;
  throw invalid('Not an E.164 number like +4930123456 / Keine Rufnummer im Format +4930123456');
}

export type TargetCheck = 'ok' | 'invalid' | 'special';

const COSTLY = new Set(['PREMIUM_RATE', 'SHARED_COST', 'UAN', 'VOICEMAIL', 'PAGER']);

/** `special`: foreign or premium/shared-cost — a transfer there needs the explicit allowance. */
export function checkTransferNumber(raw: string): TargetCheck {
  if (!toE164(raw)) return 'invalid';
  const parsed = parsePhoneNumberWithError(raw);
  if (!parsed.isValid()) return 'invalid';
  const type = parsed.getType();
  return parsed.country !== 'DE' || (type !== undefined && COSTLY.has(type)) ? 'special' : 'ok';
}
