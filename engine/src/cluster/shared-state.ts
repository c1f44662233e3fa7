// The per-process state that sibling worker processes share over the bus (see README.md, "Per-
// process state and its owner"): each process keeps its own copy and answers its siblings, and
// the app is given read paths that cover the whole instance. With one process nothing of this
// is wired and every path stays local.
import type { Analytics } from '../analytics/service';
import { answerAnalyticsOfThisProcess, withSiblingAnalytics } from '../analytics/siblings';
import type { AnalyticsRepository } from '../analytics/repository';
import type { AppDeps } from '../http/deps';
import { answerMetricsOfThisProcess } from '../metrics/instance';
import { answerSiblingPrewarm } from '../phone/prewarm';
import type { RecordsServices } from '../records/services';
import type { ClusterBus } from './bus';

/** The bus topic: "this organisation is being deleted: forget its key and memory-only notes". */
export const TENANT_FORGOTTEN = 'records.tenant-forgotten';
/** A deletion waits this long for its siblings (a hung one still cannot store: foreign keys). */
const FORGET_TIMEOUT_MS = 5_000;

/** Registers this process's answers on `bus` and returns `deps` with instance-wide read paths. */
export function shareAcrossWorkers(bus: ClusterBus, deps: AppDeps & { analytics: Analytics }): AppDeps {
  if (deps.metrics) answerMetricsOfThisProcess(bus, deps.metrics.metrics.registry);
  // createAnalytics keeps the memory rows; an Analytics a test hands in may have none to answer with.
  const memory = (deps.analytics as { memory?: Pick<AnalyticsRepository, 'days' | 'counters'> }).memory;
  if (memory) answerAnalyticsOfThisProcess(bus, memory);
  answerSiblingPrewarm(bus, deps);
  forgetDeletedOrganisationsEverywhere(bus, deps.records);
  return {
    ...deps,
    analytics: withSiblingAnalytics(bus, deps.analytics),
    ...(deps.metrics ? { metrics: { ...deps.metrics, siblings: bus } } : {}),
  };
}

/** Organisation deletion in one process makes every sibling forget its key and memory-only notes. */
export function forgetDeletedOrganisationsEverywhere(
  bus: ClusterBus,
  records: Pick<RecordsServices, 'keyring' | 'memory'>,
): void {
  // Asked, not just told: the deleting process destroys the key row only once the siblings that
  // answered have forgotten it (one that does not answer is restarting, its cache empty).
  records.keyring.whenDestroying((tenantId) => bus.askOthers(TENANT_FORGOTTEN, tenantId, FORGET_TIMEOUT_MS));
  bus.answer(TENANT_FORGOTTEN, (payload) => {
    const tenantId = payload as string;
    records.keyring.forget(tenantId);
    for (const note of records.memory.list(tenantId)) records.memory.drop(tenantId, note.record.txId);
    return true;
  });
}
