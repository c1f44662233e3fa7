// After login: remember who we are, fetch the transfer allow-list, go where the address bar
// points (a deep link, a reload) or else to the flow list (the operator outside every
// organisation: the organisations; someone who must still set up two-factor login: „Mein Konto“,
// the only screen the server lets through until then).
import { api, type Me } from '../api';
import { screenFromLocation } from '../routing/router';
import { useSession } from '../session';

export async function enterApp(me: Me): Promise<void> {
  if (me.twoFactor.required && !me.twoFactor.enabled) {
    useSession.getState().set({ me, offline: false, screen: { name: 'account' } });
    return;
  }
  const linked = screenFromLocation();
  if (!me.tenant) {
    const operatorScreen = linked?.name === 'admin-numbers' ? linked : null;
    useSession.getState().set({ me, offline: false, screen: operatorScreen ?? { name: 'organisations' } });
    return;
  }
  useSession.getState().set({ me, offline: false, screen: linked ?? { name: 'flows' } });
  const targets = await api.transferTargets();
  useSession.getState().set({ transferTargets: targets });
}
