// Login with e-mail and password (session cookie), or offline work in this browser only.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiFailure } from '../api';
import { useSession } from '../session';
import { enterApp } from './enter';
import { CurrentPassword } from './PasswordFields';

export function Login() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [failed, setFailed] = useState(false);
  // Set once the server asked for the second factor (the account has two-factor login).
  const [code, setCode] = useState<string | null>(null);
  return (
    <main className="login">
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          try {
            const me = await api.login(email, password, code?.trim() || undefined);
            setFailed(false);
            await enterApp(me);
          } catch (err) {
            const askCode = err instanceof ApiFailure && err.code === 'two_factor.required';
            if (askCode) setCode('');
            setFailed(!askCode);
          }
        }}
      >
        <h1>{t('login.title')}</h1>
        <label htmlFor="email">{t('login.email')}</label>
        <input
          id="email"
          type="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          required
        />
        <CurrentPassword id="password" label={t('login.password')} value={password} onChange={setPassword} />
        {code !== null && (
          <>
            <label htmlFor="login-code">{t('login2fa.code')}</label>
            <input
              id="login-code"
              autoComplete="one-time-code"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              required
              autoFocus
            />
          </>
        )}
        {failed && (
          <p className="error" role="alert">
            {code !== null ? t('login2fa.wrong') : t('login.failed')}
          </p>
        )}
        <button type="submit">{t('login.submit')}</button>
        <button
          type="button"
          className="link"
          onClick={() => useSession.getState().set({ screen: { name: 'password-reset' } })}
        >
          {t('reset.forgot')}
        </button>
        <button
          type="button"
          className="link"
          onClick={() => useSession.getState().set({ offline: true, screen: { name: 'flows' } })}
        >
          {t('login.offline')}
        </button>
      </form>
    </main>
  );
}
