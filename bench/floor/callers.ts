// The simulated callers of the floor benchmark, in a process of their own (forked by
// floor.bench.ts) so their CPU is neither the relay's nor the product's. Both servers get exactly
// the same callers: a signed voice webhook, the media socket, then — once every socket is open —
// all `start`s at once, so all calls speak and listen in step and the phases have clean windows.
// One shared 20 ms tick sends each call's inbound frame (silence, like a quiet line on Twilio).
// Marks are echoed when the caller's virtual playout reaches them, as Twilio does.
// Counts go into 100 ms buckets (epoch ms) so the parent can cut any window out of them.
import process from 'node:process';
import WebSocket from 'ws';
import { FRAME_MS } from '../../engine/src/audio/frames';
import { twilioSignature } from '../../engine/src/providers/twilio/signature';
import { parseStream } from '../../test/harness/twilio-wire';

export interface CallersTask {
  readonly serverUrl: string;
  readonly publicBaseUrl: string;
  readonly authToken: string;
  readonly to: string;
  readonly calls: number;
  /** Sockets are opened over this long; the `start`s go out together afterwards. */
  readonly rampMs: number;
}

export const BUCKET_MS = 100;
const QUIET_MS = 3000;

export interface CallersResult {
  /** Epoch ms the `start`s went out. */
  readonly startedAt: number;
  readonly connected: number;
  /** Bucket index (epoch ms / BUCKET_MS) → inbound media frames sent. */
  readonly sent: Record<number, number>;
  /** Bucket index → outbound media frames received. */
  readonly received: Record<number, number>;
  /** Per call: epoch ms of the first and last media frame received. */
  readonly media: readonly { readonly first: number; readonly last: number }[];
  readonly closedEarly: number;
  readonly cpu: NodeJS.CpuUsage;
}

const ACCOUNT_SID = 'AC00000000000000000000000000000042';
const SILENT_PAYLOAD = Buffer.alloc(160, 0xff).toString('base64');

interface Line {
  readonly socket: WebSocket;
  readonly streamSid: string;
  readonly callSid: string;
  readonly parameters: Record<string, string>;
  seq: number;
  chunk: number;
  playoutEnd: number;
  first: number;
  last: number;
  open: boolean;
}

const bucket = (counts: Record<number, number>, at: number, n = 1) => {
  const b = Math.floor(at / BUCKET_MS);
  counts[b] = (counts[b] ?? 0) + n;
};

async function placeCall(task: CallersTask, i: number): Promise<Line> {
  const callSid = `CA${String(i).padStart(32, '0')}`;
  const params: Record<string, string> = {
    AccountSid: ACCOUNT_SID,
    ApiVersion: '2010-04-01',
    CallSid: callSid,
    CallStatus: 'ringing',
    Direction: 'inbound',
    From: '+4915112345678',
    To: task.to,
  };
  const signature = twilioSignature(task.authToken, `${task.publicBaseUrl}/twilio/voice`, params);
  const res = await fetch(`${task.serverUrl}/twilio/voice`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body: new URLSearchParams(params).toString(),
  });
  const stream = parseStream(await res.text());
  if (!stream) throw new Error(`webhook ${res.status}: no stream`);
  const wsPublic = task.publicBaseUrl.replace(/^http/, 'ws');
  const url = task.serverUrl.replace(/^http/, 'ws') + stream.url.slice(wsPublic.length);
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return {
    socket,
    callSid,
    streamSid: `MZ${String(i).padStart(32, '0')}`,
    parameters: stream.parameters,
    seq: 0,
    chunk: 0,
    playoutEnd: 0,
    first: 0,
    last: 0,
    open: true,
  };
}

function listen(line: Line, received: Record<number, number>): void {
  line.socket.on('close', () => (line.open = false));
  line.socket.on('message', (data) => {
    const text = String(data);
    const now = Date.now();
    if (text.includes('"event":"media"')) {
      if (!line.first) line.first = now;
      line.last = now;
      line.playoutEnd = Math.max(now, line.playoutEnd) + FRAME_MS;
      bucket(received, now);
      return;
    }
    const msg = JSON.parse(text) as { event: string; mark?: { name: string } };
    if (msg.event === 'clear') line.playoutEnd = now;
    if (msg.event === 'mark' && msg.mark) {
      const echo = JSON.stringify({ event: 'mark', streamSid: line.streamSid, mark: msg.mark });
      setTimeout(() => line.open && line.socket.send(echo), Math.max(0, line.playoutEnd - now));
    }
  });
}

function start(line: Line): void {
  line.socket.send(JSON.stringify({ event: 'connected', protocol: 'Call', version: '1.0.0' }));
  line.socket.send(
    JSON.stringify({
      event: 'start',
      sequenceNumber: String(++line.seq),
      start: {
        accountSid: ACCOUNT_SID,
        streamSid: line.streamSid,
        callSid: line.callSid,
        tracks: ['inbound'],
        mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
        customParameters: line.parameters,
      },
      streamSid: line.streamSid,
    }),
  );
}

/** Twilio's inbound media message (numbers as strings, like Twilio). */
const mediaText = (line: Line, timestamp: number) =>
  `{"event":"media","sequenceNumber":"${++line.seq}","media":{"track":"inbound","chunk":"${++line.chunk}","timestamp":"${timestamp}","payload":"${SILENT_PAYLOAD}"},"streamSid":"${line.streamSid}"}`;

/**
 * Places the calls and keeps them on the line until `hangup` resolves; `onStarted` gets the
 * epoch ms at which the `start`s went out.
 */
export async function runCallers(
  task: CallersTask,
  onStarted: (at: number) => void,
  onQuiet: (at: number) => void,
  hangup: Promise<void>,
): Promise<CallersResult> {
  const sent: Record<number, number> = {};
  const received: Record<number, number> = {};
  const cpu0 = process.cpuUsage();
  const lines = await Promise.all(
    Array.from({ length: task.calls }, async (_, i) => {
      await new Promise((r) => setTimeout(r, (i / task.calls) * task.rampMs));
      const line = await placeCall(task, i);
      listen(line, received);
      return line;
    }),
  );
  const startedAt = Date.now();
  for (const line of lines) start(line);
  onStarted(startedAt);
  // Quiet: every call has heard its prompts and nothing more came for a while (longer than the
  // pause between two prompts of a busy server).
  const quiet = setInterval(() => {
    const now = Date.now();
    const live = lines.filter((l) => l.open);
    if (live.some((l) => !l.first || now - l.last < QUIET_MS)) return;
    clearInterval(quiet);
    onQuiet(Math.max(...live.map((l) => l.last)));
  }, 200);
  let hangingUp = false;
  void hangup.then(() => (hangingUp = true));
  // One tick for all lines, scheduled against the clock so it does not drift.
  await new Promise<void>((resolve) => {
    let n = 0;
    const tick = () => {
      n++;
      const now = Date.now();
      let count = 0;
      for (const line of lines) {
        if (!line.open) continue;
        line.socket.send(mediaText(line, n * FRAME_MS));
        count++;
      }
      bucket(sent, now, count);
      if (hangingUp) return resolve();
      setTimeout(tick, Math.max(0, startedAt + (n + 1) * FRAME_MS - Date.now()));
    };
    setTimeout(tick, FRAME_MS);
  });
  clearInterval(quiet);
  const closedEarly = lines.filter((l) => !l.open).length;
  for (const line of lines) {
    if (!line.open) continue;
    line.socket.send(
      JSON.stringify({
        event: 'stop',
        sequenceNumber: String(++line.seq),
        streamSid: line.streamSid,
        stop: { callSid: line.callSid, accountSid: ACCOUNT_SID },
      }),
    );
    line.socket.close(1000);
  }
  return {
    startedAt,
    connected: lines.length,
    sent,
    received,
    media: lines.map((l) => ({ first: l.first, last: l.last })),
    closedEarly,
    cpu: process.cpuUsage(cpu0),
  };
}

export type CallersMessage =
  | { readonly type: 'started'; readonly at: number }
  | { readonly type: 'quiet'; readonly at: number }
  | { readonly type: 'done'; readonly result: CallersResult }
  | { readonly type: 'failed'; readonly error: string };

if (process.send) {
  let hangup = () => {};
  const hungUp = new Promise<void>((resolve) => (hangup = resolve));
  process.on('message', (m: { type: 'run'; task: CallersTask } | { type: 'hangup' }) => {
    if (m.type === 'hangup') return hangup();
    runCallers(
      m.task,
      (at) => process.send?.({ type: 'started', at }),
      (at) => process.send?.({ type: 'quiet', at }),
      hungUp,
    ).then(
      (result) => process.send?.({ type: 'done', result }, () => process.exit(0)),
      (err: unknown) =>
        process.send?.({ type: 'failed', error: err instanceof Error ? err.message : String(err) }, () =>
          process.exit(1),
        ),
    );
  });
  process.on('disconnect', () => process.exit(0));
}
