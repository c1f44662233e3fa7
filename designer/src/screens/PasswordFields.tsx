// The password inputs of the login, „Mein Konto“, the invitation and the reset page, written once.
// A new password lets the browser's password manager suggest one and holds the server's minimum
// length already in the browser; whether it is a common password only the server can say.
import { useTranslation } from 'react-i18next';

/**
 * The server's rule (`engine/src/auth/passwords.ts`, which the browser cannot import: it hashes
 * with a native module). `test/house/password-rule.test.ts` fails when the two part.
 */
export const MIN_PASSWORD_LENGTH = 12;

type FieldProps = {
  id: string;
  value: string;
  onChange: (value: string) => void;
  /** Defaults to „Neues Passwort (mindestens 12 Zeichen, …)“ for a new one. */
  label?: string;
};

/** A password the person already has: login, confirming a change, switching two-factor off. */
export function CurrentPassword({ id, value, onChange, label }: FieldProps & { label: string }) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="password"
        autoComplete="current-password"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required
      />
    </>
  );
}

/**
 * A password being chosen: the label names the rule unless the page says it in its own words.
 * `lengthInBrowser` false leaves the length to the server, for a field that may also take a
 * password someone already has (the invitation page: an existing account's older one may be shorter).
 */
export function NewPassword({
  id,
  value,
  onChange,
  label,
  lengthInBrowser = true,
}: FieldProps & { lengthInBrowser?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <label htmlFor={id}>{label ?? t('password.new', { min: MIN_PASSWORD_LENGTH })}</label>
      <input
        id={id}
        type="password"
        autoComplete="new-password"
        minLength={lengthInBrowser ? MIN_PASSWORD_LENGTH : undefined}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required
      />
    </>
  );
}
