// What createApp needs from the outside. main.ts builds the real ones; tests build their own.
import type { Config } from '../config/config';
import type { Diagnostic } from '../flow/diagnostics';
import type { FlowChange } from '../flow/diff/index';
import type { LoadResult } from '../flow/compiled';
import type { Logger } from '../log/index';
import type { RecordsServices } from '../records/services';
import type { HandoffTarget, Store } from '../store/types';
import type { UpgradeWebSocket } from 'hono/ws';
import type { Analytics } from '../analytics/service';
import type { MetricsAccess } from '../metrics/route';
import type { PhoneRuntime } from '../phone/phone-runtime';
import type { Mailer } from '../mail/mailer';
import type { CallOwnership } from '../cluster/call-ownership';
import type { ClusterBus } from '../cluster/bus';

/** The pure flow core, as the server uses it (adapter in ./flow-tools.ts). */
export interface FlowTools {
  /** parse → migrate → validate → compile, against the tenant's transfer allow-list. */
  load(input: unknown, handoffTargets: readonly HandoffTarget[]): LoadResult;
  canonicalJson(flow: unknown): string;
  /** Semantic changes from `before` to `after`. */
  diff(before: unknown, after: unknown): FlowChange[];
}

export interface AppDeps {
  store: Store;
  flowTools: FlowTools;
  logger: Logger;
  now: () => number;
  /** The privacy core: inbox, subject requests, receipts, record sinks (records/services.ts). */
  records: RecordsServices;
  config: Pick<Config, 'publicBaseUrl' | 'trustProxy' | 'allowLoopbackWebhooks' | 'designerDir'>;
  /** Example flows offered as templates, by their flow id (`arztpraxis`…). */
  templates: ReadonlyMap<string, unknown>;
  /** Present when served by @hono/node-server with a WebSocket server (not in app.request tests). */
  upgradeWebSocket?: UpgradeWebSocket;
  /** True once shutdown has begun: /readyz answers 503 so load balancers drain us. */
  isDraining?: () => boolean;
  /** The job queue's health for /readyz (jobs/port.ts); absent = no queue to check. */
  jobsHealth?: () => Promise<{ ok: boolean; code?: string }>;
  /** Flow analytics (recorder + queries); createApp builds one over `store.analytics` when absent. */
  analytics?: Analytics;
  /** GET /metrics; absent = off (main.ts: CALLFLOW_METRICS=1 or CALLFLOW_METRICS_TOKEN). */
  metrics?: MetricsAccess;
  /** Phone providers + stream-token key (phone/phone-runtime.ts); absent = phone routes answer "not configured". */
  phone?: PhoneRuntime;
  /** Seals TOTP secrets at rest: `twoFactorSecretKey(masterKey)` (records/derived-keys.ts). */
  twoFactorKey: Buffer;
  /** E-mail (SMTP_URL); absent = links are shown to whoever created them instead. */
  mailer?: Mailer;
  /** Several processes or instances: where each call lives (its Twilio callbacks go there). */
  ownership?: CallOwnership;
  /** The sibling worker processes of this instance (absent = one process). */
  bus?: ClusterBus;
}

export type { Diagnostic };
