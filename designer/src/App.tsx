// The app shell: header with navigation and language switch, then the current screen.
import { useEffect } from 'react';
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
import { useSession } from './session';

export function App() {
  const { t } = useTranslation();
  const screen = useSession((s) => s.screen);
  const me = useSession((s) => s.me);
  const offline = useSession((s) => s.offline);
  const set = useSession((s) => s.set);

  useEffect(() => {
    // An invitation link (`/#einladung=<token>`): the token stays in the fragment, never sent to a server.
    const invited = /^#einladung=([\w-]+)$/.exec(location.hash)?.[1];
    if (invited) {
      set({ screen: { name: 'invitation', token: invited } });
      return;
    }
    // An existing session cookie skips the login screen.
    void api
      .me()
      .then((m) => m && enterApp(m))
      .catch(() => undefined);
  }, [set]);

  return (
    <div className={`app screen-${screen.name}`}>
      <header className="app-header">
        <span className="brand">☎ {t('app.title')}</span>
        <span className="muted">{t('app.subtitle')}</span>
        {(me || offline) && (
          <nav aria-label={t('nav.main')}>
            {(offline || me?.tenant) && (
              <button type="button" onClick={() => set({ screen: { name: 'flows' } })}>
                {t('nav.flows')}
              </button>
            )}
            {me?.tenant && (
              <button type="button" onClick={() => set({ screen: { name: 'numbers' } })}>
                {t('nav.numbers')}
              </button>
            )}
            {/* Only roles that may read notes / receipts see these entries (the server checks too). */}
            {me?.permissions.includes('calls:read') && (
              <button type="button" onClick={() => set({ screen: { name: 'inbox' } })}>
                {t('nav.inbox')}
              </button>
            )}
            {me?.permissions.includes('receipts:read') && (
              <button type="button" onClick={() => set({ screen: { name: 'receipts' } })}>
                {t('nav.receipts')}
              </button>
            )}
            {me?.permissions.includes('targets:write') && (
              <button type="button" onClick={() => set({ screen: { name: 'targets' } })}>
                {t('nav.targets')}
              </button>
            )}
            {/* The operator's screens (the server answers 403 to everyone else). */}
            {me?.operator && (
              <>
                <button type="button" onClick={() => set({ screen: { name: 'organisations' } })}>
                  {t('nav.organisations')}
                </button>
                <button type="button" onClick={() => set({ screen: { name: 'admin-numbers' } })}>
                  {t('nav.adminNumbers')}
                </button>
              </>
            )}
          </nav>
        )}
        <span className="spacer" />
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
      {screen.name === 'editor' && <Editor />}
      {screen.name === 'inbox' && <Inbox />}
      {screen.name === 'receipts' && <Receipts />}
      {screen.name === 'targets' && <Targets />}
      {screen.name === 'organisations' && <Organisations />}
      {screen.name === 'admin-numbers' && <AdminNumbers />}
      {screen.name === 'invitation' && <Invitation token={screen.token} />}
    </div>
  );
}
