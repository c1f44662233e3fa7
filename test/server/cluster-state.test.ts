// The real server with two worker processes (CALLFLOW_WORKERS=2, each on a port of its own so the
// test chooses the worker): what lives in each process's memory still adds up to one instance.
// One /metrics scrape covers both workers; the analytics of a zero-persistence flow count the
// calls either worker took; a version published on one worker is warmed in both prompt caches.
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startElevenLabsFake, type ElevenLabsFake } from '../fakes/elevenlabs-server';
import { startGoogleSpeechFake, type GoogleSpeechFake } from '../fakes/google-speech-server';
import { killServers, spawnServer, type ServerProcess } from '../harness/server-process';

const EMAIL = 'betrieb@callflow.example';
const PASSWORD = 'Betriebs-Passwort-fuer-zwei-Arbeiter';
const FLOWS = path.resolve(import.meta.dirname, '../../flows');
/** In the flow's greeting only: the syntheses of it show which processes warmed their cache. */
const MARKER = `Clustertest${Date.now().toString(36)}`;

let dataDir: string;
let server: ServerProcess;
let eleven: ElevenLabsFake;
let google: GoogleSpeechFake;
/** Base URL of worker 0 and worker 1. */
let workers: string[];
let headers: Record<string, string>;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'callflow-cluster-'));
  [eleven, google] = await Promise.all([startElevenLabsFake({ apiKey: 'xi' }), startGoogleSpeechFake()]);
  server = spawnServer({
    CALLFLOW_WORKERS: '2',
    CALLFLOW_PORT_PER_WORKER: '1',
    CALLFLOW_DATA_DIR: dataDir,
    CALLFLOW_ADMIN_EMAIL: EMAIL,
    CALLFLOW_ADMIN_PASSWORD: PASSWORD,
    CALLFLOW_METRICS: '1',
    SHUTDOWN_GRACE_SECONDS: '1',
    TWILIO_ACCOUNT_SID: 'AC00000000000000000000000000000001',
    TWILIO_AUTH_TOKEN: 'twilio-test-token',
    GOOGLE_SPEECH_ENDPOINT: google.endpoint,
    GOOGLE_SPEECH_INSECURE: '1',
    ELEVENLABS_API_KEY: 'xi',
    ELEVENLABS_VOICE_ID: 'voice-cluster',
    ELEVENLABS_BASE_URL: eleven.baseUrl,
  });
  await server.waitForLog('cluster.ready');
  workers = await Promise.all(
    [0, 1].map(async (worker) => {
      const line = await server.waitForLog('server.listening', { worker });
      return `http://127.0.0.1:${line.port as number}`;
    }),
  );
  const login = await fetch(`${workers[0]}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
  });
  expect(login.status).toBe(200);
  const cookie = /callflow_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')![0];
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  headers = { Cookie: cookie, 'X-CSRF-Token': csrfToken, 'Content-Type': 'application/json' };
}, 180_000);

afterAll(async () => {
  await server?.stop();
  killServers();
  await Promise.all([eleven?.close(), google?.close()]);
  await rm(dataDir, { recursive: true, force: true });
});

/** The organisation's API on one worker (the session lives in the shared database). */
async function api<T>(worker: number, method: string, p: string, body?: unknown): Promise<T> {
  const res = await fetch(`${workers[worker]}${p}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${p} on worker ${worker}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Sum of every series of `metric` in a Prometheus text. */
function total(text: string, metric: string): number {
  return text
    .split('\n')
    .filter((l) => l.startsWith(`${metric} `) || l.startsWith(`${metric}{`))
    .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const greetingSyntheses = () =>
  eleven.requests.filter((r) => String(r.body.text ?? '').includes(MARKER)).length;

describe('per-process state with two worker processes', () => {
  let flowId: string;

  it('a version published on one worker is warmed in the prompt cache of both', async () => {
    // Like the example law firm (zero persistence), with a greeting no other flow has.
    const doc = JSON.parse(readFileSync(path.join(FLOWS, 'kanzlei.flow.json'), 'utf8')) as {
      id: string;
      nodes: Record<string, { disclosure?: string }>;
    };
    doc.id = 'kanzlei-cluster';
    doc.nodes.begruessung.disclosure = `Guten Tag, ${MARKER}. Sie sprechen mit einem automatischen Assistenten.`;
    flowId = (await api<{ flow: { id: string } }>(0, 'POST', '/api/flows', { flow: doc })).flow.id;
    await api(0, 'POST', `/api/flows/${flowId}/versions`, { message: 'Erste Fassung' });
    // Each process has its own cache, so each synthesizes the greeting once: two requests.
    await expect.poll(greetingSyntheses, { timeout: 60_000, interval: 100 }).toBe(2);
  });

  it("the analytics of a zero-persistence flow count the calls of both workers' memory", async () => {
    // Three test calls on each worker: alone, either worker's 3 stay under the "< 5" threshold.
    for (const worker of [0, 0, 0, 1, 1, 1])
      await api(worker, 'POST', `/api/flows/${flowId}/simulate`, {
        version: 1,
        turns: [{ hangup: true }],
        live: true,
      });
    const query = `from=${day(-2)}&to=${day(1)}&source=test`;
    for (const worker of [0, 1]) {
      const report = await api<{ calls: number; suppressedDays: number }>(
        worker,
        'GET',
        `/api/flows/${flowId}/analytics?${query}`,
      );
      expect(report).toMatchObject({ calls: 6, suppressedDays: 0 });
    }
  });

  it('one /metrics scrape on either worker answers for the whole instance', async () => {
    for (const base of workers) {
      const res = await fetch(`${base}/metrics`);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(total(text, 'callflow_workers_scraped')).toBe(2);
      expect(total(text, 'callflow_zero_persistence_calls_total')).toBe(6);
      expect(total(text, 'callflow_calls_total')).toBe(6);
    }
  });
});
