// Composition root: read configuration once, prepare the data directory, open the store (with
// migrations), seed the demo organisation on first start, build the designer if stale, serve,
// and shut down gracefully on SIGTERM/SIGINT. With CALLFLOW_WORKERS > 1 this file runs as the
// primary (cluster/primary.ts: prepares what all share, starts and replaces the workers) and as
// each worker; worker 0 is elected for the first-start setup and the single-owner jobs.
import cluster from 'node:cluster';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { analyticsRetentionDays, createAnalytics, retentionCutoffDay } from './analytics/service';
import { hashPassword } from './auth/passwords';
import { readConfig } from './config/config';
import { createApp } from './http/app';
import type { AppDeps } from './http/deps';
import { buildDesignerIfStale } from './http/designer-build';
import { createFlowTools } from './http/flow-tools';
import { startServer, upgradeWebSocket } from './http/serve';
import { sendWebhook } from './delivery/webhook-sender';
import { createJobs, DELIVERY_CLAIM_LEASE_MS } from './jobs/select';
import type { Jobs, NoteRef } from './jobs/port';
import { createLogger, errorCode, installProcessHandlers } from './log/index';
import { createMetrics } from './metrics/registry';
import { metricsSettings } from './metrics/route';
import { freezeHere } from './records/freeze';
import { createRecords } from './records/services';
import { twoFactorSecretKey } from './records/derived-keys';
import { createMailer } from './mail/mailer';
import { notifyNoteArrived } from './mail/note-notifier';
import { bootstrapIfEmpty, readExampleFlows, type BootstrapResult } from './store/bootstrap';
import { ensureDataDir, loadMasterKey } from './store/data-dir';
import { openStore } from './store/open-store';
import { createPhoneRuntime } from './phone/phone-runtime';
import { prewarmBoundNumbers } from './phone/prewarm';
import { soloBus, workerBus, type BusEnvelope } from './cluster/bus';
import {
  createCallOwnership,
  FORWARDED_CALLBACK,
  serveForwarded,
  type ForwardedRequest,
} from './cluster/call-ownership';
import { ownerKey } from './cluster/owner';
import { runPrimary } from './cluster/primary';
import { createInternalHop } from './cluster/internal-hop';
import { createSiblingJobs, DELIVERY_QUEUED } from './jobs/sibling';
import { connectTestCallDesks } from './transports/browser/ticket-owner';
import type { Config } from './config/config';
import type { Logger } from './log/index';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The one console output of the server besides the logs: first-start credentials, shown once. */
function announce(result: BootstrapResult, baseUrl: string): void {
  const lines = [
    '',
    '================================================================',
    result.tenantId
      ? ' Callflow: Betreiber-Konto und Demo-Organisation angelegt / operator account and demo organisation created'
      : ' Callflow: Betreiber-Konto angelegt / operator account created',
    ` URL:       ${baseUrl}`,
    ` E-Mail:    ${result.email}`,
    result.generatedPassword
      ? ` Passwort:  ${result.generatedPassword}\n (wird nur jetzt angezeigt / shown only now — store it)`
      : ' Passwort:  aus CALLFLOW_ADMIN_PASSWORD / from CALLFLOW_ADMIN_PASSWORD',
    '================================================================',
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

async function main(): Promise<void> {
  const config = readConfig(process.env, ROOT);
  const logger = createLogger({ level: config.logLevel });
  installProcessHandlers(logger);
  // A cluster worker finds all this done by the primary: the same build and key for all.
  if (config.workers > 1 && !cluster.isPrimary) return serve(config, logger);
  buildDesignerIfStale(ROOT, logger, process.env.CALLFLOW_SKIP_DESIGNER_BUILD === '1');
  ensureDataDir(config.dataDir);
  const master = loadMasterKey(config.dataDir, config.masterKey);
  if (master.generated)
    logger.warn('config.master_key', {
      outcome: 'fallback',
      code: 'master_key_generated_set_env_in_production',
    });
  if (config.workers > 1) return runPrimary({ workers: config.workers, logger });
  await serve(config, logger, master);
}

/** One serving process: the only one (`master` loaded already), or a cluster worker. */
async function serve(
  config: Config,
  logger: Logger,
  loaded?: ReturnType<typeof loadMasterKey>,
): Promise<void> {
  const bus = config.workerIndex !== undefined ? workerBus(config.workerIndex, config.workers) : soloBus;
  /** Worker 0 (or the only process): first-start setup and the single-owner jobs. */
  const elected = bus.self === 0;
  const master = loaded ?? loadMasterKey(config.dataDir, config.masterKey);
  const flowTools = createFlowTools({ allowLoopbackWebhooks: config.allowLoopbackWebhooks });
  if (config.allowLoopbackWebhooks)
    logger.warn('config.loopback_webhooks', { outcome: 'fallback', code: 'test_only_setting' });
  // DATABASE_URL=postgres://… selects PostgreSQL; unset, the SQLite file in the data directory.
  const store = await openStore({
    env: process.env,
    dataDir: config.dataDir,
    ...(config.testFreezeAt === 'shred' ? { onKeyDestroyed: () => freezeHere('shred') } : {}),
  });
  // A stored note's delivery goes through the Jobs port (assigned below, before anything serves).
  let jobs: Jobs | undefined;
  // /metrics (counts and timings only): fed by records, analytics and the voice runtime.
  const metrics = createMetrics();
  // E-mail (SMTP_URL): invitations, password resets and note notifications, sent in the background.
  const mailer = config.mail ? createMailer(config.mail, logger) : undefined;
  const records = createRecords({
    store,
    masterKey: master.key,
    logger,
    now: Date.now,
    metrics,
    ...(bus.size > 1 ? { bus } : {}),
    ...(mailer
      ? {
          noteArrived: (call) =>
            notifyNoteArrived({ store, mailer, publicBaseUrl: config.publicBaseUrl }, call),
        }
      : {}),
    deliveryQueued: (tenantId, txId) => jobs?.deliveryQueued({ tenantId, txId }),
    // Several instances may share PostgreSQL: each delivery is claimed before it is sent.
    ...(store.dialect === 'postgres' ? { claimLeaseMs: DELIVERY_CLAIM_LEASE_MS } : {}),
    ...(config.testFreezeAt === 'delivery'
      ? {
          send: async (...args: Parameters<typeof sendWebhook>) => {
            const r = await sendWebhook(...args);
            if (r.ok) freezeHere('delivery');
            return r;
          },
        }
      : {}),
  });

  const seeded = !elected
    ? undefined
    : await bootstrapIfEmpty({
        store,
        flowsDir: config.flowsDir,
        adminEmail: config.adminEmail,
        adminPassword: config.adminPassword,
        hashPassword,
        load: flowTools.load,
        canonicalJson: flowTools.canonicalJson,
        demo: config.demo,
      });
  if (seeded) {
    logger.info('bootstrap.demo', { tenantId: seeded.tenantId ?? undefined, count: seeded.importedFlows });
    announce(seeded, config.publicBaseUrl);
  }

  // Analytics (issue 10) and /metrics: counters only. The voice runtime records finished calls
  // through `analytics` (AnalyticsRecorder) and reports turns/latency into `metrics`.
  const retentionDays = analyticsRetentionDays(process.env);
  const analytics = createAnalytics({
    stored: store.analytics,
    now: Date.now,
    retentionDays,
    onRecorded: metrics.onRecorded,
  });
  const metricsAccess = metricsSettings(process.env);
  // Purge, deliveries and their retries: in-process timers on SQLite (worker 0 only), a pg-boss
  // queue on PostgreSQL (every process and instance takes jobs).
  const sqliteSibling = store.dialect === 'sqlite' && !elected;
  const work = sqliteSibling
    ? createSiblingJobs({
        bus,
        purgeMemory: () => analytics.memory.purgeBefore(retentionCutoffDay(Date.now(), retentionDays)),
        purgeIntervalMs: config.purgeIntervalMs,
        logger,
      })
    : createJobs({
        dialect: store.dialect,
        databaseUrl: process.env.DATABASE_URL?.trim(),
        records,
        notes: store.callNotes,
        now: Date.now,
        logger,
        analytics: {
          purge: async () => {
            const rows = await analytics.purge();
            metrics.purged.inc({ kind: 'analytics' }, rows);
            return rows;
          },
        },
        analyticsMemory: { repository: analytics.memory, retentionDays },
        purgeIntervalMs: config.purgeIntervalMs,
        deliveryIntervalMs: config.deliveryIntervalMs,
      });
  jobs = work;
  if (store.dialect === 'sqlite' && elected)
    bus.answer(DELIVERY_QUEUED, (ref) => work.deliveryQueued(ref as NoteRef));
  let draining = false;
  // Several processes or instances: Twilio's callbacks go to the process that owns the call.
  const hop = config.internal ? createInternalHop(config.internal, master.key, bus.self) : undefined;
  const ownership =
    bus.size > 1 || config.internal
      ? createCallOwnership({
          key: ownerKey(master.key),
          instance: config.internal?.url ?? '',
          bus,
          ...(hop ? { hop } : {}),
        })
      : undefined;
  const phone = config.phone ? createPhoneRuntime(config.phone, master.key) : undefined;
  await phone?.ready(); // the first caller must not wait for a vendor SDK to load
  // Several processes: a voice test call's socket goes to the process that issued its ticket.
  const takeTestCall =
    phone && ownership ? connectTestCallDesks({ desk: phone.testCalls, bus, ownership }) : undefined;
  const appDeps: AppDeps = {
    store,
    flowTools,
    logger,
    now: Date.now,
    config,
    upgradeWebSocket,
    records,
    analytics,
    ...(metricsAccess.enabled
      ? { metrics: { metrics, token: metricsAccess.token, trustProxy: config.trustProxy } }
      : {}),
    templates: await readExampleFlows(config.flowsDir),
    isDraining: () => draining,
    jobsHealth: () => work.health(),
    ...(phone ? { phone } : {}),
    twoFactorKey: twoFactorSecretKey(master.key),
    ...(mailer ? { mailer } : {}),
    ...(ownership ? { ownership } : {}),
    ...(bus.size > 1 ? { bus } : {}),
  };
  const app = createApp(appDeps);
  bus.answer(FORWARDED_CALLBACK, (request) => serveForwarded(app.fetch, request as ForwardedRequest));
  // The first caller of each bound number hears the greeting from the cache, not after a TTS round
  // trip: warm it in the background (publishing and binding warm it too; failures only log).
  if (phone)
    void store.tenants.ids().then(
      (ids) => prewarmBoundNumbers(appDeps, ids),
      () => undefined,
    );
  if (!config.phone)
    logger.warn('config.phone', { outcome: 'skipped', code: 'phone_providers_not_configured' });
  // Before serving (SQLite): the first purge also finishes deletions a crash interrupted.
  await work.start();
  const running = await startServer(
    app.fetch,
    { ...config, port: config.portPerWorker && config.port > 0 ? config.port + bus.self : config.port },
    {
      exclusive: config.portPerWorker,
      ...(ownership
        ? {
            takeUpgrade: (req, socket, head) =>
              ownership.takeUpgrade(req, socket, head) || (takeTestCall?.(req, socket, head) ?? false),
          }
        : {}),
    },
  );
  bus.onSocket((socket, head) => running.adopt(socket, head));
  await hop?.listen(app.fetch, config.host);
  // Expired sessions and attempt windows are ignored on read anyway; this keeps the tables small.
  if (elected)
    setInterval(
      () => {
        void store.sessions.deleteExpired(Date.now()).catch(() => undefined);
        void store.attemptLimits.prune(Date.now() - 24 * 60 * 60 * 1000).catch(() => undefined);
      },
      60 * 60 * 1000,
    ).unref();
  logger.info('server.listening', {
    port: running.port,
    outcome: 'started',
    ...(bus.size > 1 ? { worker: bus.self } : {}),
  });
  process.send?.({ cf: 'listening', worker: bus.self, port: running.port } satisfies BusEnvelope);

  const shutdown = async (signal: string) => {
    if (draining) return;
    draining = true;
    logger.info('server.shutdown', {
      outcome: 'started',
      reason: signal.toLowerCase(),
      count: running.activeCalls(),
    });
    // PostgreSQL: stop taking jobs at once (other instances take them) while calls finish; notes of
    // calls ending now are still queued. SQLite: calls first, then the last delivery pass.
    const jobsDrained = work.kind === 'pg-boss' ? work.drain(config.shutdownGraceMs) : undefined;
    const { leftOpen } = await running.drain(config.shutdownGraceMs);
    await hop?.close();
    await (jobsDrained ?? work.drain(config.shutdownGraceMs));
    await work.close().catch(() => undefined);
    await phone?.close().catch(() => undefined);
    await mailer?.idle();
    mailer?.close();
    records.stop(); // memory-only notes and their RAM delivery queue are gone: zero persistence
    store.close(); // checkpoints the WAL of the database and the key store
    logger.info('server.shutdown', { outcome: 'stopped', count: leftOpen });
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  // A cluster worker drains when the primary says so (the primary got the signal).
  process.on('message', (envelope: BusEnvelope) => {
    if (envelope?.cf === 'shutdown') void shutdown('SIGTERM');
  });
}

main().catch((err: unknown) => {
  createLogger().fatal('server.start', { code: errorCode(err) });
  process.exit(1);
});
