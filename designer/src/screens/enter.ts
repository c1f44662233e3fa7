// After login: remember who we are, fetch the transfer allow-list, show the flow list.
import { api, type Me } from '../api';
import { useSession } from '../session';

export async function enterApp(me: Me): Promise<void> {
  useSession.getState().set({ me, offline: false, screen: { name: 'flows' } });
  const targets = await api.transferTargets();
  useSession.getState().set({ transferTargets: targets });
}
