// Zero-persistence flows' analytics live in the memory of the process that handled each call
// (memory.ts). With several worker processes the API must show the instance's total: the worker
// answering a query adds its siblings' memory rows to its own (the report sums rows of the same
// day and version, whichever process they come from). Stored flows need nothing of this — their
// rows are in the shared database. A sibling that does not answer in time (restarting: its
// memory is gone anyway) is left out; the query never fails for it. Only aggregates cross the
// IPC channel — counts per day and node, never anything of a caller — and nothing is written.
import type { ClusterBus } from '../cluster/bus';
import type { AnalyticsQuery, AnalyticsRepository, StoredCounter, StoredDay } from './repository';
import type { Analytics } from './service';

/** The bus topic: "your in-memory rows for this query". */
export const ANALYTICS_MEMORY_TOPIC = 'analytics.memory';
const SIBLING_TIMEOUT_MS = 3_000;

interface MemoryQuery {
  rows: 'days' | 'counters';
  query: AnalyticsQuery;
}

/** This process answers its siblings with the rows of its in-memory analytics. */
export function answerAnalyticsOfThisProcess(
  bus: ClusterBus,
  memory: Pick<AnalyticsRepository, 'days' | 'counters'>,
): void {
  bus.answer(ANALYTICS_MEMORY_TOPIC, (payload) => {
    const { rows, query } = payload as MemoryQuery;
    return rows === 'days' ? memory.days(query) : memory.counters(query);
  });
}

/** `analytics`, whose queries also count the calls its siblings hold in memory. */
export function withSiblingAnalytics<A extends Analytics>(bus: ClusterBus, analytics: A): A {
  const ofSiblings = async <T>(rows: MemoryQuery['rows'], query: AnalyticsQuery) =>
    (await bus.askOthers<T[]>(ANALYTICS_MEMORY_TOPIC, { rows, query }, SIBLING_TIMEOUT_MS)).flat();
  return {
    ...analytics,
    async days(q) {
      const [own, siblings] = await Promise.all([analytics.days(q), ofSiblings<StoredDay>('days', q)]);
      return [...own, ...siblings];
    },
    async counters(q) {
      const [own, siblings] = await Promise.all([
        analytics.counters(q),
        ofSiblings<StoredCounter>('counters', q),
      ]);
      return [...own, ...siblings];
    },
  };
}
