// The forgotten-password page: without a token, ask for a link by e-mail (the server answers the
// same whether or not the address has an account); with the link's token (`/#passwort=…`, never
// sent to a server by the browser), set the new password.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { accountApi, ApiFailure } from '../api';
import { useSession } from '../session';

export function PasswordReset({ token }: { token?: string }) {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const toLogin = () => {
    history.replaceState(null, '', location.pathname);
    useSession.getState().set({ screen: { name: 'login' } });
  };
  return (
    <main className="login">
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          try {
            if (token) {
              await accountApi.confirmReset(token, value);
              setDone(t('reset.done'));
            } else {
              await accountApi.requestReset(value.trim());
              setDone(t('reset.asked'));
            }
            setError(null);
          } catch (err) {
            setError(err instanceof ApiFailure ? err.message : String(err));
          }
        }}
      >
        <h1>{t('reset.title')}</h1>
        <label htmlFor="reset-value">{token ? t('reset.newPassword') : t('login.email')}</label>
        <input
          id="reset-value"
          type={token ? 'password' : 'email'}
          autoComplete={token ? 'new-password' : 'username'}
          minLength={token ? 12 : undefined}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          required
        />
        {!done && <button type="submit">{token ? t('reset.set') : t('reset.ask')}</button>}
        {done && <p role="status">{done}</p>}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="button" className="link" onClick={toLogin}>
          {t('reset.toLogin')}
        </button>
      </form>
    </main>
  );
}
