// „Mein Konto“: change your own password, and two-factor login — enrol with a QR code, confirm
// with the app's first code (the recovery codes appear once), or switch it off. Where two-factor
// login is required and not yet set up, this is the only screen the server lets through.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { accountApi, api, type TwoFactorEnrolment } from '../api';
import { useSession } from '../session';
import { CurrentPassword, NewPassword } from './PasswordFields';
import { failureText, FormError, useSubmit } from './useSubmit';

function PasswordForm() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [changed, setChanged] = useState(false);
  const { onSubmit, error } = useSubmit(async () => {
    setChanged(false);
    await accountApi.changePassword(current, next);
    setCurrent('');
    setNext('');
    setChanged(true);
  });
  return (
    <form onSubmit={onSubmit}>
      <h2>{t('account.password')}</h2>
      <CurrentPassword
        id="current-password"
        label={t('account.current')}
        value={current}
        onChange={setCurrent}
      />
      <NewPassword id="new-password" value={next} onChange={setNext} />
      <button type="submit">{t('account.change')}</button>
      {changed && (
        <p className="muted" role="status">
          {t('account.changed')}
        </p>
      )}
      <FormError error={error} />
    </form>
  );
}

function Enrolment({
  enrolment,
  onDone,
}: {
  enrolment: TwoFactorEnrolment;
  onDone: (codes: string[]) => void;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        try {
          onDone(await accountApi.confirmTwoFactor(code.trim()));
        } catch (err) {
          setError(failureText(err));
        }
      }}
    >
      <p>{t('account.scan')}</p>
      <img
        className="qr"
        width={200}
        height={200}
        alt={t('account.qr')}
        src={`data:image/svg+xml;utf8,${encodeURIComponent(enrolment.qrSvg)}`}
      />
      <p>
        <code data-testid="totp-secret">{enrolment.secret}</code>
      </p>
      <label htmlFor="totp-code">{t('account.code')}</label>
      <input
        id="totp-code"
        inputMode="numeric"
        autoComplete="one-time-code"
        value={code}
        onChange={(e) => setCode(e.target.value)}
        required
      />
      <button type="submit">{t('account.confirm')}</button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

function TwoFactor() {
  const { t } = useTranslation();
  const me = useSession((s) => s.me);
  const [enrolment, setEnrolment] = useState<TwoFactorEnrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const reload = async () => useSession.getState().set({ me: await api.me() });
  if (!me) return null;
  const { enabled, required } = me.twoFactor;
  return (
    <section>
      <h2>{t('account.twoFactor')}</h2>
      <p role="status">
        {enabled
          ? t('account.twoFactorEnabled')
          : required
            ? t('account.twoFactorRequired')
            : t('account.twoFactorOff')}
      </p>
      {codes && (
        <div className="recovery-codes">
          <h3>{t('account.recoveryTitle')}</h3>
          <p>{t('account.recoveryHint')}</p>
          <ul data-testid="recovery-codes">
            {codes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      {!enabled && !enrolment && (
        <button
          type="button"
          onClick={async () => {
            try {
              setEnrolment(await accountApi.startTwoFactor());
            } catch (err) {
              setError(failureText(err));
            }
          }}
        >
          {t('account.enrol')}
        </button>
      )}
      {!enabled && enrolment && (
        <Enrolment
          enrolment={enrolment}
          onDone={(recovery) => {
            setCodes(recovery);
            setEnrolment(null);
            void reload();
          }}
        />
      )}
      {enabled && !required && (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            try {
              await accountApi.disableTwoFactor(password, code.trim());
              setPassword('');
              setCode('');
              setCodes(null);
              await reload();
            } catch (err) {
              setError(failureText(err));
            }
          }}
        >
          <CurrentPassword
            id="disable-password"
            label={t('account.disablePassword')}
            value={password}
            onChange={setPassword}
          />
          <label htmlFor="disable-code">{t('account.code')}</label>
          <input id="disable-code" value={code} onChange={(e) => setCode(e.target.value)} required />
          <button type="submit">{t('account.disable')}</button>
        </form>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

export function Account() {
  const { t } = useTranslation();
  return (
    <main className="account">
      <h1>{t('account.title')}</h1>
      <TwoFactor />
      <PasswordForm />
    </main>
  );
}
