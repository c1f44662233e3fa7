// After login: remember who we are, fetch the transfer allow-list, show the flow list (the
// operator outside every organisation: the organisations).
import { api, type Me } from '../api';
import { useSession } from '../session';

export async function enterApp(me: Me): Promise<void> {
  if (!me.tenant) {
    useSession.getState().set({ me, offline: false, screen: { name: 'organisations' } });
    return;
  }
  useSession.getState().set({ me, offline: false, screen: { name: 'flows' } });
  const targets = await api.transferTargets();
  useSession.getState().set({ transferTargets: targets });
}
