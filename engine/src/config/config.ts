// Configuration from the environment, read once by the composition root (engine/src/main.ts)
// and passed down as data. Nothing else reads process.env. Defaults are documented in README.md.
import { availableParallelism } from 'node:os';
import path from 'node:path';

export interface Config {
  /** PORT, default 8787. */
  port: number;
  /** HOST, default 127.0.0.1 on a laptop-style start; set 0.0.0.0 in a container. */
  host: string;
  /** PUBLIC_BASE_URL: how browsers and Twilio reach us; decides Secure cookies and HSTS. */
  publicBaseUrl: string;
  /** CALLFLOW_DATA_DIR, default ./data (created with mode 0700). */
  dataDir: string;
  /** CALLFLOW_MASTER_KEY (base64 or hex, 32 bytes); unset → a generated key file in the data dir. */
  masterKey: string | undefined;
  /** CALLFLOW_ADMIN_EMAIL / CALLFLOW_ADMIN_PASSWORD: the operator account created on first start. */
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  /** CALLFLOW_DEMO, default on; `0` skips the demo organisation on first start (operator account only). */
  demo: boolean;
  /** LOG_LEVEL, default info. */
  logLevel: string;
  /** TLS_CERT_FILE + TLS_KEY_FILE: serve https directly. */
  tls: { certFile: string; keyFile: string } | undefined;
  /**
   * CALLFLOW_WORKERS: processes serving the port (default: the machine's cores; `1` = one process).
   * Built-in TLS runs one process: a TLS connection cannot move to the process that owns its call.
   */
  workers: number;
  /** Set by the primary for each worker process it starts; undefined in a single process. */
  workerIndex: number | undefined;
  /** CALLFLOW_PORT_PER_WORKER=1: worker k listens on PORT + k alone (PORT=0: a free port each). */
  portPerWorker: boolean;
  /** CALLFLOW_INTERNAL_URL + its TLS files: how other instances reach this one's calls. */
  internal: InternalHopConfig | undefined;
  /** TRUST_PROXY=1: believe X-Forwarded-For / X-Forwarded-Proto from a reverse proxy. */
  trustProxy: boolean;
  /** CALLFLOW_ALLOW_LOOPBACK_WEBHOOKS=1: allow http://127.0.0.1 delivery URLs (tests only). */
  allowLoopbackWebhooks: boolean;
  /** SHUTDOWN_GRACE_SECONDS, default 30: how long running calls may continue after SIGTERM. */
  shutdownGraceMs: number;
  /** CALLFLOW_PURGE_INTERVAL_MS, default 600000 (10 min): how often the retention purge runs (also once at start). */
  purgeIntervalMs: number;
  /** CALLFLOW_DELIVERY_INTERVAL_MS, default 5000: how often due webhook deliveries are polled (new notes kick at once). */
  deliveryIntervalMs: number;
  /**
   * CALLFLOW_TEST_FREEZE_AT (tests only): `shred` freezes the process right after a data key was
   * destroyed, `delivery` right after a webhook was accepted — so the crash test can SIGKILL at a
   * known point. Never set in production.
   */
  testFreezeAt: 'shred' | 'delivery' | undefined;
  /** Where the built designer lives (designer/dist). */
  designerDir: string;
  /** Example flows imported on first start (flows/). */
  flowsDir: string;
  /** Phone calls (Twilio + Google + ElevenLabs [+ OpenAI]); undefined = not configured (routes answer so). */
  phone: PhoneConfig | undefined;
  /**
   * SMTP_URL (`smtps://user:pass@host:465` or `smtp://…:587`, which must offer STARTTLS unless the
   * host is loopback) + MAIL_FROM; undefined = no e-mail: links are shown to whoever created them.
   */
  mail: MailConfig | undefined;
}

/**
 * Several instances: a callback that lands on the wrong instance is handed to the owner over
 * TLS (this server's certificate and key; the CA that signed every instance's certificate) with
 * a key derived from the shared master key. Worker k listens on the URL's port + k.
 */
export interface InternalHopConfig {
  /** CALLFLOW_INTERNAL_URL: `https://<address other instances reach>:<port>`. */
  url: string;
  port: number;
  certFile: string;
  keyFile: string;
  caFile: string;
}

export interface MailConfig {
  smtpUrl: string;
  from: string;
}

/** Provider settings of the phone routes; every vendor URL can point at a local fake. */
export interface PhoneConfig {
  twilio: { accountSid: string; authToken: string; apiBaseUrl?: string };
  /** GOOGLE_SPEECH_ENDPOINT ("host:port") + GOOGLE_SPEECH_INSECURE=1 for fakes; else GOOGLE_APPLICATION_CREDENTIALS. */
  google: { endpoint?: string; insecure: boolean; keyFilename?: string };
  /**
   * ELEVENLABS_ZERO_RETENTION=1 (plans that offer it): synthesis that can contain caller data in
   * zero-persistence calls asks ElevenLabs not to log (`enable_logging=false`).
   */
  elevenlabs: { apiKey: string; baseUrl?: string; voiceId: string; zeroRetention?: boolean };
  /** Optional: without it, understanding is deterministic only. */
  openai?: { apiKey: string; baseURL?: string };
  /** End of turn (runtime/turn-taking.ts): quiet after a final result, complete vs. partial answers. */
  turnTaking?: { completeWaitMs: number; partialWaitMs: number };
  /** The designer's voice test calls: CALLFLOW_TEST_CALLS_PER_ORG (2), CALLFLOW_TEST_CALL_MAX_MINUTES (10). */
  testCalls?: { perOrganisation: number; maxCallMs: number };
}

export class ConfigError extends Error {
  /** Logged by code (`config.PORT`), so the operator learns which variable is wrong. */
  readonly code: string;
  constructor(readonly variable: string) {
    super(`invalid configuration: ${variable}`);
    this.code = `config.${variable}`;
    this.name = 'ConfigError';
  }
}

function decimal(
  env: Record<string, string | undefined>,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) throw new ConfigError(name);
  return n;
}

function int(
  env: Record<string, string | undefined>,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const n = decimal(env, name, fallback, min, max);
  if (!Number.isInteger(n)) throw new ConfigError(name);
  return n;
}

const flag = (v: string | undefined): boolean => v === '1' || v === 'true';

function baseUrl(raw: string | undefined, fallback: string): string {
  const url = parseUrl(raw && raw !== '' ? raw : fallback, 'PUBLIC_BASE_URL');
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError('PUBLIC_BASE_URL');
  return url.origin + url.pathname.replace(/\/+$/, '');
}

function freezePoint(raw: string | undefined): Config['testFreezeAt'] {
  if (raw === undefined || raw === '') return undefined;
  if (raw !== 'shred' && raw !== 'delivery') throw new ConfigError('CALLFLOW_TEST_FREEZE_AT');
  return raw;
}

/** All of Twilio, Google (endpoint or credentials) and ElevenLabs must be set; else undefined. */
function phoneConfig(env: Record<string, string | undefined>): PhoneConfig | undefined {
  const v = (name: string) => (env[name] ? env[name] : undefined);
  const sid = v('TWILIO_ACCOUNT_SID');
  const token = v('TWILIO_AUTH_TOKEN');
  const xiKey = v('ELEVENLABS_API_KEY');
  const voiceId = v('ELEVENLABS_VOICE_ID');
  const endpoint = v('GOOGLE_SPEECH_ENDPOINT');
  const keyFilename = v('GOOGLE_APPLICATION_CREDENTIALS');
  if (!sid || !token || !xiKey || !voiceId || (!endpoint && !keyFilename)) return undefined;
  if (!sid.startsWith('AC')) throw new ConfigError('TWILIO_ACCOUNT_SID');
  const openaiKey = v('OPENAI_API_KEY');
  return {
    twilio: {
      accountSid: sid,
      authToken: token,
      ...(v('TWILIO_API_BASE_URL') ? { apiBaseUrl: v('TWILIO_API_BASE_URL') } : {}),
    },
    google: {
      insecure: flag(env.GOOGLE_SPEECH_INSECURE),
      ...(endpoint ? { endpoint } : {}),
      ...(keyFilename ? { keyFilename } : {}),
    },
    elevenlabs: {
      apiKey: xiKey,
      voiceId,
      zeroRetention: flag(env.ELEVENLABS_ZERO_RETENTION),
      ...(v('ELEVENLABS_BASE_URL') ? { baseUrl: v('ELEVENLABS_BASE_URL') } : {}),
    },
    ...(openaiKey
      ? { openai: { apiKey: openaiKey, ...(v('OPENAI_BASE_URL') ? { baseURL: v('OPENAI_BASE_URL') } : {}) } }
      : {}),
    turnTaking: {
      completeWaitMs: int(env, 'CALLFLOW_TURN_COMPLETE_WAIT_MS', 0, 0, 5000),
      partialWaitMs: int(env, 'CALLFLOW_TURN_PARTIAL_WAIT_MS', 800, 0, 5000),
    },
    testCalls: {
      perOrganisation: int(env, 'CALLFLOW_TEST_CALLS_PER_ORG', 2, 0, 50),
      // Fractions allowed (0.1 = 6 s): the limit can be tried without waiting minutes.
      maxCallMs: Math.round(decimal(env, 'CALLFLOW_TEST_CALL_MAX_MINUTES', 10, 0.1, 120) * 60_000),
    },
  };
}

/** A URL-valued variable, or a ConfigError naming it. */
function parseUrl(raw: string, name: string): URL {
  try {
    return new URL(raw);
  } catch {
    throw new ConfigError(name);
  }
}

function mailConfig(env: Record<string, string | undefined>): MailConfig | undefined {
  const smtpUrl = env.SMTP_URL;
  if (!smtpUrl) return undefined;
  const url = parseUrl(smtpUrl, 'SMTP_URL');
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new ConfigError('SMTP_URL');
  const from = env.MAIL_FROM;
  if (!from || !/^[^\s@<>]+@[^\s@<>]+$|<[^\s@<>]+@[^\s@<>]+>$/.test(from)) throw new ConfigError('MAIL_FROM');
  return { smtpUrl, from };
}

function internalHop(env: Record<string, string | undefined>): InternalHopConfig | undefined {
  const raw = env.CALLFLOW_INTERNAL_URL;
  if (!raw) return undefined;
  const url = parseUrl(raw, 'CALLFLOW_INTERNAL_URL');
  if (url.protocol !== 'https:' || !url.port || url.pathname !== '/')
    throw new ConfigError('CALLFLOW_INTERNAL_URL');
  const file = (name: string) => {
    const value = env[name];
    if (!value) throw new ConfigError(name);
    return value;
  };
  return {
    url: url.origin,
    port: Number(url.port),
    certFile: file('CALLFLOW_INTERNAL_TLS_CERT'),
    keyFile: file('CALLFLOW_INTERNAL_TLS_KEY'),
    caFile: file('CALLFLOW_INTERNAL_TLS_CA'),
  };
}

function workerCount(env: Record<string, string | undefined>, tls: boolean): number {
  const workers = int(env, 'CALLFLOW_WORKERS', tls ? 1 : availableParallelism(), 1, 64);
  if (tls && workers > 1) throw new ConfigError('CALLFLOW_WORKERS');
  return workers;
}

/** `root` is the repository root (for designer/dist and flows/). */
export function readConfig(env: Record<string, string | undefined>, root: string): Config {
  const port = int(env, 'PORT', 8787, 0, 65535);
  const cert = env.TLS_CERT_FILE;
  const key = env.TLS_KEY_FILE;
  if (Boolean(cert) !== Boolean(key)) throw new ConfigError(cert ? 'TLS_KEY_FILE' : 'TLS_CERT_FILE');
  const tls = cert && key ? { certFile: cert, keyFile: key } : undefined;
  const scheme = tls ? 'https' : 'http';
  return {
    port,
    host: env.HOST || '127.0.0.1',
    publicBaseUrl: baseUrl(env.PUBLIC_BASE_URL, `${scheme}://localhost:${port}`),
    dataDir: path.resolve(root, env.CALLFLOW_DATA_DIR || './data'),
    masterKey: env.CALLFLOW_MASTER_KEY || undefined,
    adminEmail: env.CALLFLOW_ADMIN_EMAIL || undefined,
    adminPassword: env.CALLFLOW_ADMIN_PASSWORD || undefined,
    demo: env.CALLFLOW_DEMO !== '0' && env.CALLFLOW_DEMO !== 'false',
    logLevel: env.LOG_LEVEL || 'info',
    tls,
    workers: workerCount(env, Boolean(tls)),
    workerIndex: env.CALLFLOW_WORKER_INDEX ? int(env, 'CALLFLOW_WORKER_INDEX', 0, 0, 63) : undefined,
    portPerWorker: flag(env.CALLFLOW_PORT_PER_WORKER),
    internal: internalHop(env),
    trustProxy: flag(env.TRUST_PROXY),
    allowLoopbackWebhooks: flag(env.CALLFLOW_ALLOW_LOOPBACK_WEBHOOKS),
    shutdownGraceMs: int(env, 'SHUTDOWN_GRACE_SECONDS', 30, 0, 3600) * 1000,
    purgeIntervalMs: int(env, 'CALLFLOW_PURGE_INTERVAL_MS', 600_000, 50, 86_400_000),
    deliveryIntervalMs: int(env, 'CALLFLOW_DELIVERY_INTERVAL_MS', 5_000, 50, 3_600_000),
    testFreezeAt: freezePoint(env.CALLFLOW_TEST_FREEZE_AT),
    designerDir: path.resolve(root, 'designer/dist'),
    flowsDir: path.resolve(root, 'flows'),
    phone: phoneConfig(env),
    mail: mailConfig(env),
  };
}
