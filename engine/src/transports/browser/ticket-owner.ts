// Voice test calls with several worker processes (CALLFLOW_WORKERS > 1). A ticket lives in the
// desk of the process that issued it (RAM only), but the page's socket may land on any process.
// So the socket path the page gets names the issuer — `?desk=<sealed owner id>`, the same
// AES-GCM seal the Twilio callbacks carry (cluster/owner.ts): a page can neither read nor forge
// it, and a forged or stale one gains nothing, since only the issuing desk knows the ticket —
// and the socket is handed to the issuer before Hono sees it (the kernel handle moves; the audio
// never crosses two processes). The ticket itself still travels only in the socket's first
// message, never in a URL that proxies log. The per-organisation limit counts the calls running
// in every sibling (asked over the bus): the calls stay spread over the processes, and a
// restarting sibling, whose calls ended with it, simply counts nothing.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ClusterBus } from '../../cluster/bus';
import type { CallOwnership } from '../../cluster/call-ownership';
import { TEST_CALL_SOCKET_PATH } from './routes';
import type { TestCallDesk } from './test-call-desk';

/** The query parameter of the socket path that names the issuing process. */
export const ISSUER_PARAM = 'desk';
/** Bus topic: an organisation's test calls running in the answering process. */
export const RUNNING_TEST_CALLS = 'test-calls.running';
/** A sibling that takes longer is left out of the count (it is most likely restarting). */
const COUNT_TIMEOUT_MS = 2_000;

/** The path a ticket's page opens: the issuing process named, when there are several. */
export function testCallSocketPath(issuer: string | undefined): string {
  return issuer
    ? `${TEST_CALL_SOCKET_PATH}?${new URLSearchParams({ [ISSUER_PARAM]: issuer })}`
    : TEST_CALL_SOCKET_PATH;
}

export interface TicketOwnerOptions {
  desk: TestCallDesk;
  bus: ClusterBus;
  /** Names this process as a ticket's issuer and passes sockets on to theirs. */
  ownership: Pick<CallOwnership, 'ownerId' | 'passUpgrade'>;
}

/**
 * Joins this process's desk to its siblings' and returns the server's upgrade hook: true when a
 * test-call socket was handed to the process that issued its ticket (same contract as
 * CallOwnership.takeUpgrade, chained after it).
 */
export function connectTestCallDesks(
  opts: TicketOwnerOptions,
): (req: IncomingMessage, socket: Duplex, head: Buffer) => boolean {
  const { desk, bus, ownership } = opts;
  bus.answer(RUNNING_TEST_CALLS, (p) => (typeof p === 'string' ? desk.runningFor(p) : 0));
  desk.joinSiblings({
    issuer: ownership.ownerId,
    async runningElsewhere(tenantId) {
      const counts = await bus.askOthers<number>(RUNNING_TEST_CALLS, tenantId, COUNT_TIMEOUT_MS);
      return counts.reduce((sum, n) => sum + (Number.isFinite(n) ? n : 0), 0);
    },
  });
  return (req, socket, head) => {
    const [path, query = ''] = (req.url ?? '').split('?', 2);
    if (path !== TEST_CALL_SOCKET_PATH) return false;
    // Here, no issuer named, or a forged one: the route answers (a ticket it does not hold is
    // refused as `bad_ticket` on the first message). Elsewhere: to the issuer, whichever instance.
    return ownership.passUpgrade(
      new URLSearchParams(query).get(ISSUER_PARAM) ?? undefined,
      req,
      socket,
      head,
    );
  };
}
