// A fake of the slice of Twilio's REST API the engine uses: updating a live call
// (POST /2010-04-01/Accounts/{AC…}/Calls/{CA…}.json with `Twiml` or `Status`).
// It records every update so tests can assert what the human would be dialled with.
// Fetching a call (GET …/Calls/{CA…}.json) answers the status a test set with `setCallStatus`
// (e.g. `in-progress` while a transfer rings), otherwise 404 like a call Twilio does not know.
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { faultDie } from './fault-dice';

export interface RecordedCallUpdate {
  readonly accountSid: string;
  readonly callSid: string;
  /** Form parameters as sent (`Twiml`, `Status`, …). */
  readonly params: Readonly<Record<string, string>>;
  /** Whether HTTP Basic auth matched the configured account SID and token. */
  readonly authorized: boolean;
  readonly at: number;
}

export interface TwilioRestFakeOptions {
  readonly accountSid?: string;
  readonly authToken?: string;
  /** Random failures of call updates (off by default); `failNext` takes precedence. */
  readonly faults?: TwilioRestFaultOptions;
}

export interface TwilioRestFaultOptions {
  /** Share of call updates (0–1) that fail, reproducible by seed. */
  readonly updateFailure?: number;
  /** HTTP status of a failed update. Default 500. */
  readonly status?: number;
  readonly seed?: number;
}

export interface TwilioRestFake {
  /** Give this to TwilioTelephony as apiBaseUrl. */
  readonly baseUrl: string;
  readonly updates: readonly RecordedCallUpdate[];
  /** The next `times` requests answer with this HTTP status (Twilio-style error body). */
  failNext(status: number, times?: number): void;
  /** How many updates failed by the random `faults` option. */
  readonly injectedFaults: Readonly<Record<string, number>>;
  /** What GET of this call answers from now on (`in-progress`, `completed`, …). */
  setCallStatus(callSid: string, status: string): void;
  /** Resolves with the first update (already recorded or future) matching the predicate. */
  waitForUpdate(
    predicate?: (u: RecordedCallUpdate) => boolean,
    timeoutMs?: number,
  ): Promise<RecordedCallUpdate>;
  close(): Promise<void>;
}

const CALL_PATH = /^\/2010-04-01\/Accounts\/(AC[0-9a-zA-Z]+)\/Calls\/(CA[0-9a-zA-Z]+)\.json$/;

export async function startTwilioRestFake(options: TwilioRestFakeOptions = {}): Promise<TwilioRestFake> {
  const updates: RecordedCallUpdate[] = [];
  const waiters: {
    predicate: (u: RecordedCallUpdate) => boolean;
    resolve: (u: RecordedCallUpdate) => void;
  }[] = [];
  let failures: { status: number; left: number } | null = null;
  const die = faultDie(['updateFailure'] as const, options.faults, options.faults?.seed);
  const statuses = new Map<string, string>();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const fetched =
      req.method === 'GET' ? CALL_PATH.exec(new URL(req.url ?? '/', 'http://x').pathname) : null;
    const known = fetched && isAuthorized(req, options) ? statuses.get(fetched[2]) : undefined;
    if (fetched && known)
      return reply(res, 200, {
        ...callResource({ accountSid: fetched[1], callSid: fetched[2], params: {}, authorized: true, at: 0 }),
        status: known,
      });
    const match = req.method === 'POST' ? CALL_PATH.exec(new URL(req.url ?? '/', 'http://x').pathname) : null;
    if (!match)
      return reply(res, 404, { code: 20404, message: 'The requested resource was not found', status: 404 });
    if (failures && failures.left-- > 0)
      return reply(res, failures.status, { code: 20500, message: 'injected fault', status: failures.status });
    if (die.roll()) {
      const status = options.faults?.status ?? 500;
      return reply(res, status, { code: 20500, message: 'injected fault', status });
    }
    const body = await readBody(req);
    const update: RecordedCallUpdate = {
      accountSid: match[1],
      callSid: match[2],
      params: Object.fromEntries(new URLSearchParams(body)),
      authorized: isAuthorized(req, options),
      at: performance.now(),
    };
    if (!update.authorized) return reply(res, 401, { code: 20003, message: 'Authenticate', status: 401 });
    updates.push(update);
    for (const w of [...waiters]) {
      if (!w.predicate(update)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(update);
    }
    reply(res, 200, callResource(update));
  };

  const server: Server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    updates,
    injectedFaults: die.counts,
    setCallStatus(callSid, status) {
      statuses.set(callSid, status);
    },
    failNext(status, times = 1) {
      failures = { status, left: times };
    },
    waitForUpdate(predicate = () => true, timeoutMs = 5000) {
      const found = updates.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no matching Twilio call update')), timeoutMs);
        waiters.push({ predicate, resolve: (u) => (clearTimeout(timer), resolve(u)) });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function isAuthorized(req: IncomingMessage, options: TwilioRestFakeOptions): boolean {
  if (!options.accountSid || !options.authToken) return true;
  const expected = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
  return req.headers.authorization === expected;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function callResource(update: RecordedCallUpdate) {
  return {
    sid: update.callSid,
    account_sid: update.accountSid,
    status: update.params.Status ?? 'in-progress',
    direction: 'inbound',
    api_version: '2010-04-01',
    uri: `/2010-04-01/Accounts/${update.accountSid}/Calls/${update.callSid}.json`,
  };
}
