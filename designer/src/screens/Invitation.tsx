// The invitation link's page: the invited person sets name and password (an existing account
// enters its own password) and is logged in to the organisation that invited them.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { enterApp } from './enter';
import { MIN_PASSWORD_LENGTH, NewPassword } from './PasswordFields';
import { FormError, useSubmit } from './useSubmit';

export function Invitation({ token }: { token: string }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const { onSubmit, error } = useSubmit(async () => {
    const me = await api.acceptInvitation(token, name.trim(), password);
    // The token is used up: it must not stay in the address bar or the history.
    history.replaceState(null, '', location.pathname);
    await enterApp(me);
  });
  return (
    <main className="login">
      <form onSubmit={onSubmit}>
        <h1>{t('invitation.title')}</h1>
        <p className="muted">{t('invitation.hint', { min: MIN_PASSWORD_LENGTH })}</p>
        <label htmlFor="invitation-name">{t('invitation.name')}</label>
        <input
          id="invitation-name"
          autoComplete="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
        />
        {/* Also where an existing account enters its own password: the hint above says so. */}
        <NewPassword
          id="invitation-password"
          label={t('invitation.password')}
          value={password}
          onChange={setPassword}
          lengthInBrowser={false}
        />
        <FormError error={error} />
        <button type="submit">{t('invitation.submit')}</button>
      </form>
    </main>
  );
}
