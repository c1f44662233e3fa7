// New notes arriving live: the server pushes a transaction id (server-sent events, only to
// members allowed to read notes; no caller content on the wire); the inbox then fetches as it
// always does. EventSource reconnects by itself after a network hiccup; `onNote` runs again on
// reconnect ("ready") so nothing that arrived in between is missed.
import { useEffect, useRef } from 'react';
import { api } from '../../api';

export function useLiveNotes(onNote: (txId: string | null) => void): void {
  const latest = useRef(onNote);
  latest.current = onNote;
  useEffect(() => {
    const source = api.inboxEvents();
    let first = true;
    source.addEventListener('ready', () => {
      if (!first) latest.current(null);
      first = false;
    });
    source.addEventListener('note', (e) => {
      const { txId } = JSON.parse((e as MessageEvent<string>).data) as { txId: string };
      latest.current(txId);
    });
    return () => source.close();
  }, []);
}
