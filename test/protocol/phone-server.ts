// The real server for phone tests and the voice benchmark: createApp + @hono/node-server on
// 127.0.0.1, SQLite in a temp data dir, the demo organisation with the example flows published,
// and the phone routes wired to the real SDKs against the vendor fakes (Google gRPC, ElevenLabs
// HTTP, OpenAI, Twilio REST), plus a local webhook receiver for records that leave by webhook.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import { createAnalytics } from '../../engine/src/analytics/service';
import { createApp } from '../../engine/src/http/app';
import { createFlowTools } from '../../engine/src/http/flow-tools';
import { startServer, upgradeWebSocket, type RunningServer } from '../../engine/src/http/serve';
import { sessionCookieName } from '../../engine/src/http/session-cookie';
import { createLogger } from '../../engine/src/log/index';
import { createMetrics, type Metrics } from '../../engine/src/metrics/registry';
import { createRecords, type RecordsServices } from '../../engine/src/records/services';
import { bootstrapIfEmpty, DEMO_TARGETS } from '../../engine/src/store/bootstrap';
import { createSqliteStore } from '../../engine/src/store/sqlite/index';
import type { Store } from '../../engine/src/store/types';
import { GoogleSpeechToText } from '../../engine/src/providers/google/speech-to-text';
import type { TurnTaking } from '../../engine/src/runtime/turn-taking';
import { createPhoneRuntime, type PhoneRuntime } from '../../engine/src/phone/phone-runtime';
import {
  startElevenLabsFake,
  type ElevenLabsFake,
  type ElevenLabsFakeOptions,
} from '../fakes/elevenlabs-server';
import {
  startGoogleSpeechFake,
  type GoogleSpeechFake,
  type GoogleSpeechFakeOptions,
} from '../fakes/google-speech-server';
import { startFakeOpenAI, type FakeOpenAIOptions, type FakeOpenAIServer } from '../fakes/openai-server';
import { startTwilioRestFake, type TwilioRestFake } from '../fakes/twilio-rest-server';
import { TwilioCaller, type TwilioCallerOptions } from '../harness/twilio-caller';
import { signedInMember } from '../harness/direct-session';

export const ACCOUNT_SID = 'AC00000000000000000000000000000001';
export const AUTH_TOKEN = 'twilio-test-token';
export const PUBLIC_BASE_URL = 'https://voice.example.de';
/** Monday 2 March 2026, 09:00 Berlin (08:00 London): inside every example flow's opening hours. */
export const MONDAY_9 = Date.parse('2026-03-02T09:00:00+01:00');
export const FLOWS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../flows');

export interface PhoneServerOptions {
  /** Epoch ms the interpreter sees; default: MONDAY_9, running with the wall clock. */
  readonly now?: () => number;
  /** Engine audio lead over playback; default 600 s because test callers play faster than real time. */
  readonly leadMs?: number;
  readonly google?: GoogleSpeechFakeOptions;
  /**
   * Scale the engine's Google stream swap down with a shortened fake limit: swap after this much
   * audio at the next pause (production: 270 s of ~305 s), mid-speech `graceMs` later.
   */
  readonly speechRestart?: { readonly afterMs: number; readonly graceMs: number };
  readonly eleven?: ElevenLabsFakeOptions;
  readonly openai?: FakeOpenAIOptions;
  /** Serve /metrics with this bearer token and feed analytics. */
  readonly metricsToken?: string;
  /** Log level of the captured logger (default debug). */
  readonly logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** ELEVENLABS_ZERO_RETENTION of this deployment (default off). */
  readonly zeroRetention?: boolean;
  /** End of turn and patience with providers (defaults: runtime/turn-taking.ts). */
  readonly turnTaking?: Partial<TurnTaking>;
}

export interface PhoneServer {
  readonly serverUrl: string;
  readonly port: number;
  readonly google: GoogleSpeechFake;
  readonly eleven: ElevenLabsFake;
  readonly openai: FakeOpenAIServer;
  readonly rest: TwilioRestFake;
  readonly store: Store;
  readonly records: RecordsServices;
  readonly phone: PhoneRuntime;
  readonly analytics: ReturnType<typeof createAnalytics>;
  readonly metrics: Metrics;
  readonly masterKey: Buffer;
  readonly tenantId: string;
  readonly now: () => number;
  readonly flowTools: ReturnType<typeof createFlowTools>;
  /** Every log line the server wrote (JSON), for privacy and "record delivered" checks. */
  readonly logLines: string[];
  /** The local webhook receiver: its URL and the raw bodies it got. */
  readonly webhook: { readonly url: string; readonly bodies: string[] };
  /** Loads an example flow document (`flows/<slug>.flow.json`) for changing and publishing. */
  exampleDoc(slug: string): Record<string, any>;
  /** Publishes `doc` as a new flow and binds `number` to it; returns the flow id. */
  publish(doc: unknown, slug: string, number: string): Promise<string>;
  /** Binds `number` to an already published flow (by slug); returns the flow id. */
  bind(slug: string, number: string): Promise<string>;
  caller(options: Partial<TwilioCallerOptions> & { to: string }): TwilioCaller;
  /** The organisation owner's API as the designer calls it (session cookie + CSRF header). */
  asOwner(method: string, path: string, body?: unknown): Promise<Response>;
  /** A new owner session of `tenantId` (another organisation for isolation tests): its Cookie header and CSRF token. */
  sessionOf(tenantId: string, email: string): Promise<{ cookie: string; csrf: string }>;
  /** The temp data dir (SQLite, keys): what a canary scan reads. */
  readonly dataDir: string;
  close(): Promise<void>;
}

export async function startPhoneServer(options: PhoneServerOptions = {}): Promise<PhoneServer> {
  const flowTools = createFlowTools({ allowLoopbackWebhooks: true });
  const [google, eleven, openai, rest] = await Promise.all([
    startGoogleSpeechFake(options.google),
    startElevenLabsFake({ apiKey: 'xi', ...options.eleven }),
    startFakeOpenAI(options.openai),
    startTwilioRestFake({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN }),
  ]);
  const bodies: string[] = [];
  const hook: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req
      .on('data', (c: Buffer) => chunks.push(c))
      .on('end', () => (bodies.push(Buffer.concat(chunks).toString('utf8')), res.writeHead(200).end()));
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  const dir = mkdtempSync(join(tmpdir(), 'callflow-phone-'));
  const store = createSqliteStore({ file: join(dir, 'callflow.db') });
  const logLines: string[] = [];
  const logger = createLogger({
    level: options.logLevel ?? 'debug',
    destination: new Writable({
      write(c, _e, cb) {
        logLines.push(String(c));
        cb();
      },
    }),
  });
  const t0 = Date.now();
  const now = options.now ?? (() => MONDAY_9 + (Date.now() - t0));
  const masterKey = randomBytes(32);
  const records = createRecords({ store, masterKey, logger, now });
  const seeded = await bootstrapIfEmpty({
    store,
    flowsDir: FLOWS_DIR,
    adminEmail: undefined,
    adminPassword: 'irrelevant',
    hashPassword: async () => 'not-a-hash',
    load: flowTools.load,
    canonicalJson: flowTools.canonicalJson,
  });
  const tenantId = seeded!.tenantId!;
  const built = createPhoneRuntime(
    {
      twilio: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiBaseUrl: rest.baseUrl },
      google: { endpoint: google.endpoint, insecure: true },
      elevenlabs: {
        apiKey: 'xi',
        baseUrl: eleven.baseUrl,
        voiceId: 'voice-de',
        zeroRetention: options.zeroRetention === true,
      },
      openai: { apiKey: 'sk-test', baseURL: openai.baseURL },
    },
    masterKey,
    {
      leadMs: options.leadMs ?? 600_000,
      startTimeoutMs: 500,
      ...(options.turnTaking ? { turnTaking: options.turnTaking } : {}),
    },
  );
  await built.ready(); // like main.ts: no call waits for a vendor SDK to load
  const restart = options.speechRestart;
  const scaledStt =
    restart &&
    new GoogleSpeechToText({
      endpoint: google.endpoint,
      insecure: true,
      restartAfterMs: restart.afterMs,
      restartGraceMs: restart.graceMs,
    });
  const phone: PhoneRuntime = scaledStt
    ? { ...built, stt: scaledStt, close: async () => (await built.close(), await scaledStt.close()) }
    : built;
  const metrics = createMetrics({ defaultMetrics: false });
  const analytics = createAnalytics({ stored: store.analytics, now, onRecorded: metrics.onRecorded });
  const app = createApp({
    twoFactorKey: randomBytes(32),
    store,
    flowTools,
    logger,
    now,
    records,
    upgradeWebSocket,
    phone,
    analytics,
    ...(options.metricsToken ? { metrics: { metrics, token: options.metricsToken, trustProxy: false } } : {}),
    config: {
      publicBaseUrl: PUBLIC_BASE_URL,
      trustProxy: false,
      allowLoopbackWebhooks: false,
      designerDir: '/nonexistent',
    },
    templates: new Map(),
  });
  const server: RunningServer = await startServer(app.fetch, { port: 0, host: '127.0.0.1', tls: undefined });
  const serverUrl = `http://127.0.0.1:${server.port}`;

  const publish = async (doc: unknown, slug: string, number: string) => {
    const loaded = flowTools.load(doc, DEMO_TARGETS);
    if (!loaded.ok) throw new Error(`the test flow ${slug} does not load`);
    const flow = await store.flows.create(tenantId, { slug, name: slug, document: doc, userId: null });
    await store.versions.append(tenantId, flow.id, {
      contentHash: loaded.compiled.contentHash,
      canonicalJson: flowTools.canonicalJson(loaded.compiled.flow),
      message: 'test',
      authorId: null,
    });
    await store.numbers.assign(number, tenantId);
    await store.numbers.bind(tenantId, { number, flowId: flow.id, version: null });
    return flow.id;
  };
  // An owner of an https deployment must have a second factor (two-factor-policy.ts): this one has.
  const sessionOf = async (tenant: string, email: string) => {
    const { cookie, csrf } = await signedInMember(store, tenant, email, 'owner', { now, twoFactor: true });
    return { cookie: `${sessionCookieName(PUBLIC_BASE_URL)}=${cookie}`, csrf };
  };
  const ownerSession = await sessionOf(tenantId, 'inhaberin@praxis.example');
  const asOwner = (method: string, path: string, body?: unknown) =>
    fetch(serverUrl + path, {
      method,
      headers: {
        Cookie: ownerSession.cookie,
        'X-CSRF-Token': ownerSession.csrf,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const bind = async (slug: string, number: string) => {
    const flow = await store.flows.findBySlug(tenantId, slug);
    if (!flow) throw new Error(`no flow ${slug}`);
    await store.numbers.assign(number, tenantId);
    await store.numbers.bind(tenantId, { number, flowId: flow.id, version: null });
    return flow.id;
  };
  return {
    serverUrl,
    port: server.port,
    google,
    eleven,
    openai,
    rest,
    store,
    records,
    phone,
    analytics,
    metrics,
    masterKey,
    tenantId,
    now,
    flowTools,
    logLines,
    webhook: { url: `http://127.0.0.1:${(hook.address() as { port: number }).port}/hook`, bodies },
    exampleDoc: (slug) =>
      JSON.parse(readFileSync(join(FLOWS_DIR, `${slug}.flow.json`), 'utf8')) as Record<string, any>,
    publish,
    bind,
    asOwner,
    sessionOf,
    dataDir: dir,
    caller: (extra) =>
      new TwilioCaller({
        serverUrl,
        publicBaseUrl: PUBLIC_BASE_URL,
        authToken: AUTH_TOKEN,
        accountSid: ACCOUNT_SID,
        speed: 10,
        ...extra,
      }),
    close: async () => {
      await server.drain(0);
      await phone.close();
      records.stop();
      store.close();
      await Promise.all([google.close(), eleven.close(), openai.close(), rest.close()]);
      hook.closeAllConnections();
      await new Promise((r) => hook.close(r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Prompts the caller has heard to the end (marks echoed), as `node/prompt`. */
export const heard = (c: TwilioCaller) => c.echoedMarks.map((m) => m.name.replace(/#\d+$/, ''));

/** Every prompt sent was heard to its end (nothing is still playing). */
export const allHeard = (c: TwilioCaller) => {
  const sent = c.received.filter((r) => r.event === 'mark').length;
  return sent > 0 && sent === c.echoedMarks.length;
};

/** Waits until the caller has heard `prompt` (a new one, after `since` echoed marks) and nothing is still playing. */
export async function untilHeard(
  c: TwilioCaller,
  prompt: string,
  since = 0,
  timeoutMs = 8000,
): Promise<void> {
  await waitFor(
    () => heard(c).slice(since).includes(prompt) && allHeard(c),
    `prompt ${prompt} (heard so far: ${heard(c).join(', ')})`,
    timeoutMs,
  );
}

let seed = 1;
/** A new voice for each utterance of a test file (TwilioCaller.speak's seed). */
export const nextSeed = () => seed++;

/** One caller turn: the fake recognizer hears `words` for the next speech segment; then `next` must be heard. */
export async function answerWith(
  env: PhoneServer,
  c: TwilioCaller,
  words: string,
  next: string,
): Promise<void> {
  const since = c.echoedMarks.length;
  env.google.say(words);
  await c.speak(600, nextSeed());
  await c.pause(400);
  await untilHeard(c, next, since);
}

/** Polls until `cond()` holds (bounded). */
export async function waitFor(
  cond: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 8000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
