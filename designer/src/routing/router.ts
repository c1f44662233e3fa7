// Keeps the address bar and the session's screen in step: a new screen pushes a history entry
// (so Back returns to it), a newly selected step only replaces the entry (clicking through cards
// should not fill the history), and Back/Forward or a typed address set the screen.
import { useSession, type Screen } from '../session';
import { pathToScreen, screenToPath } from './routes';

/** The link target for a screen (`href`); a plain anchor then navigates through `hashchange`. */
export const hrefOf = (s: Screen): string => screenToPath(s) ?? '#/';

export function navigate(screen: Screen): void {
  useSession.getState().set({ screen });
}

/** Changes part of the editor's address (panel, comparison, step) on top of whatever it is now:
 * two changes in one click (a card selected, the panel switched) must not undo each other. */
export function updateEditor(patch: Partial<Omit<Extract<Screen, { name: 'editor' }>, 'name'>>): void {
  const current = useSession.getState().screen;
  if (current.name === 'editor') navigate({ ...current, ...patch });
}

/** The screen the address bar names: where to go after login, or null to use the default. */
export function screenFromLocation(): Screen | null {
  return pathToScreen(location.hash);
}

const withoutStep = (s: Screen): Screen => (s.name === 'editor' ? { ...s, step: undefined } : s);

/** No new history entry: the same screen with another step selected, or leaving the login page
 * (its address was the deep link being followed) or an invitation (its token must not stay in
 * the history). */
function replaces(prev: Screen, next: Screen): boolean {
  if (prev.name === 'login' || prev.name === 'invitation') return true;
  return screenToPath(withoutStep(prev)) === screenToPath(withoutStep(next));
}

export function startRouter(): () => void {
  const unsubscribe = useSession.subscribe((s, prev) => {
    if (s.screen === prev.screen) return;
    const path = screenToPath(s.screen);
    if (path === null || path === location.hash) return;
    if (replaces(prev.screen, s.screen)) history.replaceState(null, '', path);
    else history.pushState(null, '', path);
  });
  const follow = () => {
    const { me, offline, screen } = useSession.getState();
    // On the login page the address waits: enterApp() goes there once the user is known.
    if (!me && !offline) return;
    const next = pathToScreen(location.hash);
    if (next && screenToPath(next) !== screenToPath(screen)) navigate(next);
  };
  // Back/Forward across pushState entries fires popstate; a typed or clicked `#…` fires hashchange.
  window.addEventListener('popstate', follow);
  window.addEventListener('hashchange', follow);
  return () => {
    unsubscribe();
    window.removeEventListener('popstate', follow);
    window.removeEventListener('hashchange', follow);
  };
}
