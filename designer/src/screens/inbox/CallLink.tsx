// Click-to-call: a phone number from a call note as a `tel:` link, shown the way people read
// numbers („+49 171 1234567“). The number stays in the page — it never goes into an address.
// (libphonenumber's /max build: the engine's phone understanding already brings it along.)
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { useTranslation } from 'react-i18next';

const E164 = /^\+[1-9]\d{6,14}$/;

export const isPhoneNumber = (value: unknown): value is string =>
  typeof value === 'string' && E164.test(value);

/** „+491711234567“ → „+49 171 1234567“ (as written when libphonenumber does not know it). */
export function readable(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

export function CallLink({ number }: { number: string }) {
  const { t } = useTranslation();
  const shown = readable(number);
  return (
    <a href={`tel:${number}`} className="call-link" aria-label={t('inbox.callNumber', { number: shown })}>
      {shown}
    </a>
  );
}
