// Two backends behind a load balancer without call affinity (test/harness/round-robin-proxy.ts):
// one instance with two worker processes (CALLFLOW_WORKERS=2, SQLite), and two instances on one
// PostgreSQL database joined by the internal TLS hop (CALLFLOW_INTERNAL_URL). Every Twilio
// request of a call — the voice webhook, the media socket, the dial action with its resume
// stream, the whisper and the status callback — is pinned to the backend that does NOT own the
// call (after the voice webhook), and the call still completes exactly as on one process, for a
// stored and a zero-persistence flow. The real server (dist/server.js) on the vendor fakes; the
// caller's number is a canary that must appear in no log line and in no file of a data directory.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type Api } from '../../load/provision';
import { startElevenLabsFake, type ElevenLabsFake } from '../fakes/elevenlabs-server';
import { startGoogleSpeechFake, type GoogleSpeechFake } from '../fakes/google-speech-server';
import { startTwilioRestFake, type TwilioRestFake } from '../fakes/twilio-rest-server';
import { startRoundRobinProxy, type RoundRobinProxy } from '../harness/round-robin-proxy';
import { freePort } from '../harness/free-port';
import { selfSignedCert } from '../harness/self-signed-cert';
import { killServers, startServer, type ServerProcess } from '../harness/server-process';
import { TEST_DATABASE_URL } from '../store/test-databases';
import { TwilioCaller } from '../harness/twilio-caller';
import { openOwner, ownerKey, type Owner } from '../../engine/src/cluster/owner';
import { scanFiles } from '../privacy/canary';
import { until, webhookReceiver } from '../privacy/server-env';

const accountSid = 'AC00000000000000000000000000000026';
const authToken = randomBytes(16).toString('hex');
const publicBaseUrl = 'https://voice.cluster.example';
const admin = { email: 'inhaberin@cluster.example', password: randomBytes(18).toString('base64url') };
/** The caller's number: Twilio sends it with every call; it must reach no log line and no file. */
const CANARY_NUMBER = '+4915199988877';
const NUMBERS = { stored: '+4930555002601', zero: '+4930555002602' } as const;
/** Shared by every backend (and known here, to read which one owns a call). */
const MASTER = randomBytes(32).toString('base64');

let google: GoogleSpeechFake;
let eleven: ElevenLabsFake;
let rest: TwilioRestFake;
let hooks: Awaited<ReturnType<typeof webhookReceiver>>;
let proxy: RoundRobinProxy;
let api: Api;

/** The doctor's office flow: consent "no" hands over (5 s ring, at any hour), then the goodbye. */
function practiceFlow(slug: string, zeroPersistence: boolean): Record<string, unknown> {
  const doc = JSON.parse(readFileSync(join(import.meta.dirname, '../../flows/arztpraxis.flow.json'), 'utf8'));
  doc.id = slug;
  doc.name = zeroPersistence ? 'Praxis ohne Speicherung' : 'Praxis mit Notiz';
  doc.nodes.weiterleitung_ohne_einwilligung = {
    ...doc.nodes.weiterleitung_ohne_einwilligung,
    respectHours: false,
    ringSeconds: 5,
    announce: 'Ich verbinde.',
  };
  // Short prompts: the server speaks in real time, and the test is about where requests land.
  doc.nodes.begruessung = {
    ...doc.nodes.begruessung,
    disclosure: 'Hier spricht ein KI-Assistent.',
    question: 'Einverstanden?',
  };
  doc.nodes.ende_ohne_angaben = { ...doc.nodes.ende_ohne_angaben, text: 'Auf Wiederhören.' };
  doc.settings.delivery = { inbox: !zeroPersistence, webhookUrl: hooks.url };
  if (zeroPersistence) {
    doc.settings.zeroPersistence = true;
    doc.settings.retention = { mode: 'immediate' };
  }
  return doc;
}

async function publishAndBind(doc: Record<string, unknown>, number: string): Promise<void> {
  const { flow } = await api.json<{ flow: { id: string } }>('POST', '/api/flows', { flow: doc });
  await api.json('POST', `/api/flows/${flow.id}/versions`, { message: 'Cluster-Test' });
  await api.assign(number);
  await api.json('PUT', '/api/numbers', { number, flowId: flow.id });
}

const caller = (to: string) =>
  new TwilioCaller({
    serverUrl: proxy.url,
    publicBaseUrl,
    authToken,
    accountSid,
    to,
    from: CANARY_NUMBER,
    speed: 10,
  });

/** Twilio's side of a callback: a signed POST of `url` (public, with its owner query) for this call. */
function twilioPost(url: string, callSid: string, params: Record<string, string> = {}) {
  return new TwilioCaller({
    serverUrl: proxy.url,
    publicBaseUrl,
    authToken,
    accountSid,
    to: NUMBERS.stored,
    voicePath: url.slice(publicBaseUrl.length),
  }).placeCall({ CallSid: callSid, CallStatus: 'in-progress', ...params });
}

const marks = (c: TwilioCaller, from = 0) =>
  c.received.slice(from).flatMap((r) => (r.event === 'mark' ? [r.name] : []));
const heard = (c: TwilioCaller, prompt: string, from = 0) =>
  marks(c, from).some((m) => m.includes(prompt)) && marks(c).length === c.echoedMarks.length;
const unescape = (xml: string) => xml.replaceAll('&amp;', '&');

/** The note the webhook received for this call's flow after `before` deliveries. */
async function noteAfter(before: number): Promise<{ record: Record<string, unknown> }> {
  await until(() => hooks.seen.length > before, 20_000);
  return JSON.parse(hooks.seen[before].body) as { record: Record<string, unknown> };
}

/** Which backend owns the call whose stream URL this is: the test knows the master key. */
function ownerOf(url: string): number {
  const id = /\/twilio\/media\/(o1\.[A-Za-z0-9_-]+)$/.exec(url)?.[1];
  const owner = openOwner(ownerKey(Buffer.from(MASTER, 'base64')), id);
  expect(owner, url).toBeDefined();
  return backends!.indexOf(owner!);
}

/**
 * Voice webhook on backend `first` (which may pass the new call to its sibling), then the media
 * socket on the backend that does NOT own the call; greeting, "Nein." → the announce and
 * Twilio's <Dial>; like Twilio, the stream then ends. Returns the Dial's URLs and `other`, the
 * backend every later request of the call is pinned to.
 */
async function untilTransferRings(c: TwilioCaller, first: number) {
  proxy.pinNext(first);
  const answer = await c.placeCall();
  expect(answer.status).toBe(200);
  expect(answer.stream?.url).toMatch(/^wss:\/\/voice\.cluster\.example\/twilio\/media\/o1\.[A-Za-z0-9_-]+$/);
  const other = 1 - ownerOf(answer.stream!.url);
  proxy.pinNext(other);
  await c.connect(answer);
  await until(() => heard(c, 'begruessung/question'), 20_000);
  google.say('Nein.');
  await c.speak(600, 1);
  await c.pause(400);
  const update = await rest.waitForUpdate(
    (u) => u.callSid === c.callSid && /<Dial/.test(u.params.Twiml ?? ''),
    20_000,
  );
  rest.setCallStatus(c.callSid, 'in-progress');
  await c.hangup();
  const twiml = unescape(String(update.params.Twiml));
  return {
    other,
    dialAction: /action="([^"]+)"/.exec(twiml)![1],
    whisper: /url="([^"]+)"/.exec(twiml)![1],
    status: String(update.params.StatusCallback),
  };
}

/** What the calls run against: two backends (processes or instances) behind the proxy. */
interface Backends {
  /** Which of the two backends an owner id names. */
  indexOf(owner: Owner): number;
  readonly servers: readonly ServerProcess[];
  readonly ports: readonly number[];
  readonly dataDirs: readonly string[];
  close(): Promise<void>;
}

function providerEnv(dir: string): Record<string, string> {
  return {
    CALLFLOW_DATA_DIR: dir,
    CALLFLOW_ADMIN_EMAIL: admin.email,
    CALLFLOW_ADMIN_PASSWORD: admin.password,
    CALLFLOW_ALLOW_LOOPBACK_WEBHOOKS: '1',
    CALLFLOW_DELIVERY_INTERVAL_MS: '300',
    PUBLIC_BASE_URL: publicBaseUrl,
    SHUTDOWN_GRACE_SECONDS: '2',
    TWILIO_ACCOUNT_SID: accountSid,
    TWILIO_AUTH_TOKEN: authToken,
    TWILIO_API_BASE_URL: rest.baseUrl,
    GOOGLE_SPEECH_ENDPOINT: google.endpoint,
    GOOGLE_SPEECH_INSECURE: '1',
    ELEVENLABS_API_KEY: 'xi-cluster',
    ELEVENLABS_VOICE_ID: 'voice-de',
    ELEVENLABS_BASE_URL: eleven.baseUrl,
  };
}

/** SIGTERM to every server: each drains and exits 0. */
async function stopAll(servers: readonly ServerProcess[]): Promise<void> {
  const codes = await Promise.all(servers.map((s) => s.stop()));
  expect(codes).toEqual(servers.map(() => 0));
}

/** One instance, SQLite, two worker processes — each on a port of its own for the proxy. */
async function twoProcesses(): Promise<Backends> {
  const dir = mkdtempSync(join(tmpdir(), 'callflow-cluster-'));
  const server = await startServer({
    ...providerEnv(dir),
    CALLFLOW_MASTER_KEY: MASTER,
    CALLFLOW_WORKERS: '2',
    CALLFLOW_PORT_PER_WORKER: '1',
  });
  const ports = await Promise.all(
    [0, 1].map(async (worker) => Number((await server.waitForLog('server.listening', { worker })).port)),
  );
  return {
    indexOf: (owner) => owner.worker,
    servers: [server],
    ports,
    dataDirs: [dir],
    close: () => stopAll([server]),
  };
}

/**
 * Two instances (one process each) on one fresh PostgreSQL database, sharing the master key and
 * reaching each other over the internal hop: TLS with a certificate made here for 127.0.0.1.
 */
async function twoInstances(): Promise<Backends> {
  const pki = mkdtempSync(join(tmpdir(), 'callflow-hop-'));
  const { certFile, keyFile } = selfSignedCert(pki);
  const name = `cf_hop_${randomBytes(4).toString('hex')}`;
  const adminDb = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await adminDb.connect();
  await adminDb.query(`CREATE DATABASE ${name}`);
  const url = new URL(TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  const servers: ServerProcess[] = [];
  const dataDirs: string[] = [];
  const ports: number[] = [];
  const hops: string[] = [];
  for (let i = 0; i < 2; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'callflow-instance-'));
    const hop = await freePort();
    hops.push(`https://127.0.0.1:${hop}`);
    const server = await startServer({
      ...providerEnv(dir),
      DATABASE_URL: url.toString(),
      CALLFLOW_MASTER_KEY: MASTER,
      CALLFLOW_INTERNAL_URL: hops[i],
      CALLFLOW_INTERNAL_TLS_CERT: certFile,
      CALLFLOW_INTERNAL_TLS_KEY: keyFile,
      CALLFLOW_INTERNAL_TLS_CA: certFile,
    });
    servers.push(server);
    dataDirs.push(dir);
    ports.push(server.port);
  }
  return {
    indexOf: (owner) => hops.indexOf(owner.instance),
    servers,
    ports,
    dataDirs,
    async close() {
      try {
        await stopAll(servers);
      } finally {
        await adminDb.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
        await adminDb.end();
        for (const dir of [pki, ...dataDirs]) rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

let backends: Backends | undefined;

beforeAll(async () => {
  [google, eleven, rest, hooks] = await Promise.all([
    startGoogleSpeechFake(),
    startElevenLabsFake({ apiKey: 'xi-cluster' }),
    startTwilioRestFake({ accountSid, authToken }),
    webhookReceiver(),
  ]);
}, 60_000);

afterAll(async () => {
  await proxy?.close();
  try {
    await backends?.close();
  } finally {
    killServers();
    await Promise.all([google?.close(), eleven?.close(), rest?.close(), hooks?.close()]);
  }
}, 60_000);

const TOPOLOGIES = [
  { name: 'two worker processes of one instance (SQLite)', start: twoProcesses, needs: true },
  {
    name: 'two instances on PostgreSQL, joined by the internal TLS hop',
    start: twoInstances,
    needs: Boolean(TEST_DATABASE_URL),
  },
];

describe.each(TOPOLOGIES)('$name', ({ start, needs }) => {
  beforeAll(async () => {
    if (!needs) return;
    await proxy?.close();
    await backends?.close();
    backends = await start();
    expect(new Set(backends.ports).size).toBe(2);
    proxy = await startRoundRobinProxy(backends.ports);
    api = await login(proxy.url, admin.email, admin.password);
    const tag = randomBytes(3).toString('hex');
    await publishAndBind(practiceFlow(`praxis-cluster-${tag}`, false), NUMBERS.stored);
    await publishAndBind(practiceFlow(`praxis-cluster-ohne-speicherung-${tag}`, true), NUMBERS.zero);
  }, 180_000);

  describe.skipIf(!needs).each([
    ['stored', NUMBERS.stored],
    ['zero-persistence', NUMBERS.zero],
  ] as const)('a %s call with every callback on the process that does not own it', (kind, number) => {
    it('nobody answers the transfer: the dial action and its new stream reach the owner, the fallback plays, the note has it', async () => {
      const before = hooks.seen.length;
      const c = caller(number);
      const urls = await untilTransferRings(c, 0);
      const other = urls.other;
      expect(urls.dialAction).toMatch(/\/twilio\/dial-action\?owner=o1\./);
      expect(urls.status).toMatch(/\/twilio\/status\?owner=o1\./);

      proxy.pinNext(other);
      const resume = await twilioPost(urls.dialAction, c.callSid, { DialCallStatus: 'no-answer' });
      expect(resume.status).toBe(200);
      expect(resume.stream?.url).toMatch(/\/twilio\/media\/o1\./);
      const resumedAt = c.received.length;
      proxy.pinNext(other);
      await c.connect(resume);
      await until(() => heard(c, 'ende_ohne_angaben', resumedAt), 20_000);
      await c.closed();

      proxy.pinNext(other);
      const status = await twilioPost(urls.status, c.callSid, { CallStatus: 'completed' });
      expect(status.status).toBe(204);

      const note = await noteAfter(before);
      expect(note.record.handoff).toEqual({ target: 'empfang', outcome: 'no-answer' });
      expect(note.record.consent).toBe('refused');
      expect(note.record.callerNumber).toBeUndefined(); // without consent the note keeps no number
      const landed = proxy.routed
        .slice(-5)
        .map((r) => `${r.path.replace(/\/o1\..*$/, '/<owner>')}@${r.backend}`);
      expect(landed).toEqual([
        '/twilio/voice@0',
        `/twilio/media/<owner>@${other}`,
        `/twilio/dial-action@${other}`,
        `/twilio/media/<owner>@${other}`,
        `/twilio/status@${other}`,
      ]);
      void kind;
    }, 90_000);

    it('the team answers: the whisper and the dial action reach the owner, the note says handed off', async () => {
      const before = hooks.seen.length;
      const c = caller(number);
      const urls = await untilTransferRings(c, 1);

      proxy.pinNext(urls.other);
      const whisper = await twilioPost(urls.whisper, c.callSid);
      expect(whisper.body).toMatch(/<Say language="de-DE">[^<]+<\/Say>/);
      proxy.pinNext(urls.other);
      const done = await twilioPost(urls.dialAction, c.callSid, { DialCallStatus: 'completed' });
      expect(done.body).toContain('Auf Wiederhören.');

      const note = await noteAfter(before);
      expect(note.record.handoff).toEqual({ target: 'empfang', outcome: 'answered' });
      expect(note.record.outcome).toBe('handed-off');
      const landed = proxy.routed.slice(-4).map((r) => r.backend);
      expect(landed).toEqual([1, urls.other, urls.other, urls.other]);
    }, 90_000);
  });

  describe.skipIf(!needs)('after the calls', () => {
    it('no log line of any process carries the caller number, and no data directory holds it in plain form', () => {
      for (const server of backends!.servers) {
        expect(server.stdout() + server.stderr()).not.toContain(CANARY_NUMBER);
        expect(server.stdout() + server.stderr()).not.toContain(CANARY_NUMBER.slice(1));
      }
      expect(scanFiles([...backends!.dataDirs], CANARY_NUMBER)).toEqual([]);
    });

    it('new calls that all arrive on one backend are owned by both in turn (worker processes)', async (ctx) => {
      if (backends!.servers.length !== 1) ctx.skip(); // instances do not pass new calls on
      const owners = new Set<number>();
      for (let i = 0; i < 4; i++) {
        proxy.pinNext(0);
        const answer = await caller(NUMBERS.stored).placeCall();
        owners.add(ownerOf(answer.stream!.url));
      }
      expect([...owners].sort()).toEqual([0, 1]);
    });

    it('a forged owner id is refused before anything of the call is read', async () => {
      const res = await fetch(
        `${proxy.url}/twilio/status?owner=o1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'CallSid=CA00&CallStatus=completed',
        },
      );
      expect(res.status).toBe(403);
    });
  });
});
