// The forgotten-password page: without a token, ask for a link by e-mail (the server answers the
// same whether or not the address has an account); with the link's token (`/#passwort=…`, never
// sent to a server by the browser), set the new password.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { accountApi } from '../api';
import { useSession } from '../session';
import { NewPassword } from './PasswordFields';
import { FormError, useSubmit } from './useSubmit';

export function PasswordReset({ token }: { token?: string }) {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const { onSubmit, error } = useSubmit(async () => {
    if (token) {
      await accountApi.confirmReset(token, value);
      setDone(t('reset.done'));
    } else {
      await accountApi.requestReset(value.trim());
      setDone(t('reset.asked'));
    }
  });
  const toLogin = () => {
    history.replaceState(null, '', location.pathname);
    useSession.getState().set({ screen: { name: 'login' } });
  };
  return (
    <main className="login">
      <form onSubmit={onSubmit}>
        <h1>{t('reset.title')}</h1>
        {token ? (
          <NewPassword id="reset-value" value={value} onChange={setValue} />
        ) : (
          <>
            <label htmlFor="reset-value">{t('login.email')}</label>
            <input
              id="reset-value"
              type="email"
              autoComplete="username"
              value={value}
              onChange={(e) => setValue(e.target.value)}
              required
            />
          </>
        )}
        {!done && <button type="submit">{token ? t('reset.set') : t('reset.ask')}</button>}
        {done && <p role="status">{done}</p>}
        <FormError error={error} />
        <button type="button" className="link" onClick={toLogin}>
          {t('reset.toLogin')}
        </button>
      </form>
    </main>
  );
}
