// Named fault profiles for load runs: random fault rates for each vendor fake (their `faults`
// start options, test/fakes/README.md) plus events on a schedule — the business's webhook
// receiver goes down for a while, the server is SIGKILLed and restarted on the same data dir
// (and so the same master key). Times are fractions of the run's load phase, so one profile
// fits a 60 s test and a 10 min run alike. `runFaultSchedule` carries the events out.
import type { ElevenLabsFaultOptions } from '../test/fakes/elevenlabs-server';
import type { GoogleSpeechFaultOptions } from '../test/fakes/google-speech-server';
import type { FakeOpenAIFaultOptions } from '../test/fakes/openai-server';
import type { TwilioRestFaultOptions } from '../test/fakes/twilio-rest-server';
import type { OutageMode, WebhookReceiver } from './webhook-receiver';

/** What goes into the fakes process (FakesConfig.faults in load/fakes-process.ts). */
export interface FakeFaults {
  readonly google?: GoogleSpeechFaultOptions;
  readonly elevenlabs?: ElevenLabsFaultOptions;
  readonly openai?: FakeOpenAIFaultOptions;
  readonly twilio?: TwilioRestFaultOptions;
}

export interface FaultWindow {
  /** Start and end as fractions (0–1) of the load phase. */
  readonly from: number;
  readonly to: number;
}

export interface FaultProfile {
  readonly name: FaultProfileName;
  readonly description: string;
  readonly fakes: FakeFaults;
  readonly webhookOutages: readonly (FaultWindow & { readonly mode: OutageMode })[];
  /** SIGKILL of the server at each fraction, restarted at once on the same data dir. */
  readonly serverKills: readonly number[];
}

export const FAULT_PROFILES = [
  'none',
  'flaky',
  'stt-down',
  'tts-down',
  'llm-down',
  'webhook-outage',
  'crash',
  'chaos',
] as const;
export type FaultProfileName = (typeof FAULT_PROFILES)[number];

export function isFaultProfileName(name: string): name is FaultProfileName {
  return (FAULT_PROFILES as readonly string[]).includes(name);
}

/** A few per cent of everything: what a normal bad day at the vendors looks like. */
function flakyFakes(seed: number): FakeFaults {
  return {
    google: { seed, error: 0.03, stall: 0.02, drop: 0.02 },
    elevenlabs: { seed: seed + 1, serverError: 0.02, rateLimited: 0.02, stall: 0.01, reset: 0.02 },
    openai: { seed: seed + 2, serverError: 0.03, timeout: 0.02 },
    twilio: { seed: seed + 3, updateFailure: 0.03 },
  };
}

/** The profile `name`, its random faults seeded from `seed` (each fake gets its own stream). */
export function faultProfile(name: FaultProfileName, seed = 1): FaultProfile {
  const none = { fakes: {}, webhookOutages: [], serverKills: [] };
  switch (name) {
    case 'none':
      return { name, description: 'no faults', ...none };
    case 'flaky':
      return {
        name,
        description: 'a few % of STT/TTS/LLM/REST requests fail, stall or drop',
        ...none,
        fakes: flakyFakes(seed),
      };
    case 'stt-down':
      return {
        name,
        description: 'every speech stream fails (gRPC UNAVAILABLE)',
        ...none,
        fakes: { google: { seed, error: 1, afterAudioMs: 0 } },
      };
    case 'tts-down':
      return {
        name,
        description: 'every synthesis request answers 503',
        ...none,
        fakes: { elevenlabs: { seed, serverError: 1 } },
      };
    case 'llm-down':
      return {
        name,
        description: 'every extraction request answers 500',
        ...none,
        fakes: { openai: { seed, serverError: 1 } },
      };
    case 'webhook-outage':
      return {
        name,
        description: 'the webhook receiver resets connections from 20 % to 60 % of the run',
        ...none,
        webhookOutages: [{ from: 0.2, to: 0.6, mode: 'reset' }],
      };
    case 'crash':
      return {
        name,
        description: 'the server is SIGKILLed at 50 % and restarted',
        ...none,
        serverKills: [0.5],
      };
    case 'chaos':
      return {
        name,
        description:
          'flaky vendors (~2× the flaky rates), a webhook outage (reset 15–45 %, 503 60–75 %) and a SIGKILL + restart at 50 %',
        fakes: doubled(flakyFakes(seed)),
        webhookOutages: [
          { from: 0.15, to: 0.45, mode: 'reset' },
          { from: 0.6, to: 0.75, mode: 'status503' },
        ],
        serverKills: [0.5],
      };
  }
}

function doubled(f: FakeFaults): FakeFaults {
  const x2 = <T extends object>(o: T | undefined): T | undefined =>
    o &&
    (Object.fromEntries(
      Object.entries(o).map(([k, v]) => [k, k === 'seed' || typeof v !== 'number' ? v : v * 2]),
    ) as T);
  return { google: x2(f.google), elevenlabs: x2(f.elevenlabs), openai: x2(f.openai), twilio: x2(f.twilio) };
}

/** The server as the schedule needs it (load/stack.ts `Stack` fits). */
export interface ServerControl {
  kill(signal?: NodeJS.Signals): Promise<void>;
  restart(): Promise<void>;
}

export type FaultEventKind =
  'webhook.down' | 'webhook.up' | 'server.killed' | 'server.ready' | 'server.restart_failed';

export interface FaultEvent {
  readonly kind: FaultEventKind;
  /** ms since the schedule started. */
  readonly atMs: number;
}

export interface FaultSchedule {
  /** What happened so far, in order. */
  readonly events: readonly FaultEvent[];
  /** Intervals (ms since start) in which the server was not serving: [killed, ready]. */
  downWindows(): { from: number; to: number }[];
  /** Resolves when every event has run (a pending restart included). */
  readonly done: Promise<void>;
  /** Cancels what has not started; brings the receiver back up. */
  cancel(): void;
}

/**
 * Runs the profile's events over a load phase of `durationMs`, starting now. A restart that
 * fails is recorded (server.restart_failed), never thrown: the verifier reports it.
 */
export function runFaultSchedule(
  profile: FaultProfile,
  opts: { durationMs: number; receiver?: WebhookReceiver; server?: ServerControl },
): FaultSchedule {
  const started = performance.now();
  const events: FaultEvent[] = [];
  const timers: NodeJS.Timeout[] = [];
  const pending: Promise<void>[] = [];
  const note = (kind: FaultEventKind) => events.push({ kind, atMs: Math.round(performance.now() - started) });
  const at = (fraction: number, fn: () => void | Promise<void>) => {
    let settle!: () => void;
    pending.push(new Promise<void>((r) => (settle = r)));
    timers.push(
      setTimeout(() => void Promise.resolve(fn()).finally(settle), Math.max(0, fraction * opts.durationMs)),
    );
    return settle;
  };
  const settles: (() => void)[] = [];
  for (const w of opts.receiver ? profile.webhookOutages : []) {
    settles.push(at(w.from, () => void (opts.receiver!.down(w.mode), note('webhook.down'))));
    settles.push(at(w.to, () => void (opts.receiver!.up(), note('webhook.up'))));
  }
  for (const k of opts.server ? profile.serverKills : []) {
    settles.push(
      at(k, async () => {
        note('server.killed'); // from the signal on, calls in flight are cut
        await opts.server!.kill('SIGKILL');
        await opts.server!.restart().then(
          () => note('server.ready'),
          () => note('server.restart_failed'),
        );
      }),
    );
  }
  return {
    events,
    downWindows() {
      const windows: { from: number; to: number }[] = [];
      for (const e of events) {
        if (e.kind === 'server.killed') windows.push({ from: e.atMs, to: Number.POSITIVE_INFINITY });
        else if (e.kind === 'server.ready' && windows.length > 0) windows[windows.length - 1].to = e.atMs;
      }
      return windows;
    },
    done: Promise.all(pending).then(() => undefined),
    cancel() {
      for (const t of timers) clearTimeout(t);
      for (const s of settles) s();
      if (opts.receiver?.isDown) {
        opts.receiver.up();
        note('webhook.up');
      }
    },
  };
}

/** For `npm run load -- --faults <profile>` (load/run.ts): the fakes' part of a profile. */
export function resolveFaultProfile(name: string, seed = 1): FakeFaults {
  if (!isFaultProfileName(name))
    throw new Error(`unknown fault profile ${name} (one of ${FAULT_PROFILES.join(', ')})`);
  return faultProfile(name, seed).fakes;
}
