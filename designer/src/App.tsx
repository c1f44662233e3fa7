// The app shell: header with navigation and language switch, then the current screen.
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './api';
import { currentLang, setLang } from './i18n';
import { enterApp } from './screens/enter';
import { Editor } from './screens/Editor';
import { FlowList } from './screens/FlowList';
import { Login } from './screens/Login';
import { Inbox } from './screens/Inbox';
import { Numbers } from './screens/Numbers';
import { Receipts } from './screens/Receipts';
import { AdminNumbers } from './screens/admin/AdminNumbers';
import { Organisations } from './screens/admin/Organisations';
import { Invitation } from './screens/Invitation';
import { Targets } from './screens/Targets';
import { hrefOf, startRouter } from './routing/router';
import { Team } from './screens/Team';
import { Account } from './screens/Account';
import { OrganisationSwitcher } from './screens/OrganisationSwitcher';
import { PasswordReset } from './screens/PasswordReset';
import { useSession, type Screen } from './session';
import { SkipLinks } from './a11y/SkipLinks';

/** A header entry: a real link (open in a new tab, copy), marked while its screen is shown. */
function NavLink({ to, children }: { to: Screen; children: ReactNode }) {
  const current = useSession((s) => s.screen.name === to.name);
  return (
    <a href={hrefOf(to)} aria-current={current ? 'page' : undefined}>
      {children}
    </a>
  );
}

export function App() {
  const { t } = useTranslation();
  const screen = useSession((s) => s.screen);
  const me = useSession((s) => s.me);
  const offline = useSession((s) => s.offline);
  const set = useSession((s) => s.set);

  useEffect(() => startRouter(), []);

  useEffect(() => {
    // An invitation link (`/#einladung=<token>`): the token stays in the fragment, never sent to a server.
    const invited = /^#einladung=([\w-]+)$/.exec(location.hash)?.[1];
    if (invited) {
      set({ screen: { name: 'invitation', token: invited } });
      return;
    }
    // A password-reset link (`/#passwort=<token>`), likewise only in the fragment.
    const reset = /^#passwort=([\w-]+)$/.exec(location.hash)?.[1];
    if (reset) {
      set({ screen: { name: 'password-reset', token: reset } });
      return;
    }
    // An existing session cookie skips the login screen (and goes where the address points: a
    // notification's link opens the inbox).
    void api
      .me()
      .then((m) => m && enterApp(m))
      .catch(() => undefined);
  }, [set]);

  return (
    <div className={`app screen-${screen.name}`}>
      <SkipLinks
        editor={screen.name === 'editor'}
        screen={screen.name === 'editor' ? `editor:${screen.flowId}` : screen.name}
      />
      <header className="app-header">
        <span className="brand">☎ {t('app.title')}</span>
        <span className="muted">{t('app.subtitle')}</span>
        {(me || offline) && (
          <nav aria-label={t('nav.main')}>
            {(offline || me?.tenant) && <NavLink to={{ name: 'flows' }}>{t('nav.flows')}</NavLink>}
            {me?.tenant && <NavLink to={{ name: 'numbers' }}>{t('nav.numbers')}</NavLink>}
            {/* Only roles that may read notes / receipts see these entries (the server checks too). */}
            {me?.permissions.includes('calls:read') && (
              <NavLink to={{ name: 'inbox' }}>{t('nav.inbox')}</NavLink>
            )}
            {me?.permissions.includes('receipts:read') && (
              <NavLink to={{ name: 'receipts' }}>{t('nav.receipts')}</NavLink>
            )}
            {me?.permissions.includes('members:manage') && (
              <NavLink to={{ name: 'team' }}>{t('team.nav')}</NavLink>
            )}
            {me && <NavLink to={{ name: 'account' }}>{t('account.nav')}</NavLink>}
            {me?.permissions.includes('targets:write') && (
              <NavLink to={{ name: 'targets' }}>{t('nav.targets')}</NavLink>
            )}
            {/* The operator's screens (the server answers 403 to everyone else). */}
            {me?.operator && (
              <>
                <NavLink to={{ name: 'organisations' }}>{t('nav.organisations')}</NavLink>
                <NavLink to={{ name: 'admin-numbers' }}>{t('nav.adminNumbers')}</NavLink>
              </>
            )}
          </nav>
        )}
        <span className="spacer" />
        <OrganisationSwitcher />
        {me && (
          <span className="muted">
            {me.tenant ? `${me.tenant.name} · ` : ''}
            {me.user.email}
          </span>
        )}
        <button
          type="button"
          lang={currentLang() === 'de' ? 'en' : 'de'}
          onClick={() => setLang(currentLang() === 'de' ? 'en' : 'de')}
        >
          {t('app.switchTo')}
        </button>
        {me && (
          <button
            type="button"
            onClick={async () => {
              await api.logout().catch(() => undefined);
              set({ me: null, screen: { name: 'login' } });
            }}
          >
            {t('nav.logout')}
          </button>
        )}
      </header>
      {screen.name === 'login' && <Login />}
      {screen.name === 'flows' && <FlowList />}
      {screen.name === 'numbers' && <Numbers />}
      {screen.name === 'editor' && <Editor screen={screen} />}
      {screen.name === 'inbox' && <Inbox note={screen.note} />}
      {screen.name === 'receipts' && <Receipts />}
      {screen.name === 'targets' && <Targets />}
      {screen.name === 'organisations' && <Organisations />}
      {screen.name === 'admin-numbers' && <AdminNumbers />}
      {screen.name === 'invitation' && <Invitation token={screen.token} />}
      {screen.name === 'team' && <Team />}
      {screen.name === 'account' && <Account />}
      {screen.name === 'password-reset' && <PasswordReset token={screen.token} />}
    </div>
  );
}
