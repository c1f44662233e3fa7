// The smallest webhook receiver a load run needs: answers 200 to every POST and counts
// deliveries by their Idempotency-Key (= txId), so "delivered exactly once" is countable. It
// never keeps bodies (they hold caller data). The fault runs use load/webhook-receiver.ts,
// which can also be taken down.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceiverStats {
  readonly posts: number;
  readonly unique: number;
  /** Keys received more than once (a retry after a lost answer would be fine; here none is expected). */
  readonly duplicates: number;
}

export interface CountingReceiver {
  readonly url: string;
  stats(): ReceiverStats;
  close(): Promise<void>;
}

export async function startCountingReceiver(): Promise<CountingReceiver> {
  const seen = new Map<string, number>();
  let posts = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.method === 'POST') {
        posts++;
        const key = String(req.headers['idempotency-key'] ?? '');
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`,
    stats: () => ({ posts, unique: seen.size, duplicates: [...seen.values()].filter((n) => n > 1).length }),
    close: () => new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}
