// After login: remember who we are, fetch the transfer allow-list, show the flow list (the
// operator outside every organisation: the organisations; someone who must still set up
// two-factor login: „Mein Konto“, the only screen the server lets through until then).
import { api, type Me } from '../api';
import { useSession, type Screen } from '../session';

export async function enterApp(me: Me, wanted?: Screen): Promise<void> {
  if (me.twoFactor.required && !me.twoFactor.enabled) {
    useSession.getState().set({ me, offline: false, screen: { name: 'account' } });
    return;
  }
  if (!me.tenant) {
    useSession.getState().set({ me, offline: false, screen: { name: 'organisations' } });
    return;
  }
  useSession.getState().set({ me, offline: false, screen: wanted ?? { name: 'flows' } });
  const targets = await api.transferTargets();
  useSession.getState().set({ transferTargets: targets });
}
