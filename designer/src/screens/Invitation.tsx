// The invitation link's page: the invited person sets name and password (an existing account
// enters its own password) and is logged in to the organisation that invited them.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiFailure } from '../api';
import { enterApp } from './enter';

export function Invitation({ token }: { token: string }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <main className="login">
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          try {
            const me = await api.acceptInvitation(token, name.trim(), password);
            // The token is used up: it must not stay in the address bar or the history.
            history.replaceState(null, '', location.pathname);
            await enterApp(me);
          } catch (err) {
            setError(err instanceof ApiFailure ? err.message : String(err));
          }
        }}
      >
        <h1>{t('invitation.title')}</h1>
        <p className="muted">{t('invitation.hint')}</p>
        <label htmlFor="invitation-name">{t('invitation.name')}</label>
        <input
          id="invitation-name"
          autoComplete="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
        />
        <label htmlFor="invitation-password">{t('invitation.password')}</label>
        <input
          id="invitation-password"
          type="password"
          autoComplete="new-password"
          minLength={10}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit">{t('invitation.submit')}</button>
      </form>
    </main>
  );
}
