// A fault run: calls through the real server and fakes (load/stack.ts) while a fault profile
// (load/faults.ts) breaks vendors, takes the webhook receiver down and SIGKILLs the server; then
// the checks of load/verify.ts. Callers here are tolerant: they say their lines as far as the
// engine lets them and record how the call ended. Like Twilio, a caller leaves the media stream
// when the engine updates its call by REST (handoff or hangup) — so the Twilio REST fake runs in
// this process, where callers can see its updates. Results go to `<outDir>/faults-report.json`
// (counts and ids only, no caller content).
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTwilioRestFake, type TwilioRestFake } from '../test/fakes/twilio-rest-server';
import { TwilioCaller } from '../test/harness/twilio-caller';
import type { CallTarget } from './call-runner';
import type { FakeDelays } from './fakes-process';
import { runFaultSchedule, type FaultEvent, type FaultProfile } from './faults';
import { login, provision, type Api } from './provision';
import { loadScript, PhraseBook, type CallScript } from './scripts';
import { ROOT, startStack } from './stack';
import {
  checkCallEndings, checkRecords, readStore, scanRunDir, updateKind,
  type CallEndingCounts, type FlowDelivery, type ObservedCall, type RecordCounts, type ScanCounts,
} from './verify';
import { startWebhookReceiver } from './webhook-receiver';

export interface FaultRunOptions {
  readonly profile: FaultProfile;
  readonly calls: number;
  /** Calls start evenly over this many seconds. */
  readonly rampS: number;
  /** Lines each caller says before hanging up itself (default: the whole script). */
  readonly turnsPerCall?: number;
  /** A call not ended by then counts as hung (default 90 s). */
  readonly callBoundS?: number;
  /** After the last call: time for webhook retries before the server stops (default 5 s). */
  readonly drainS?: number;
  readonly outDir: string;
  readonly delays?: FakeDelays;
  /** Length of the load phase the profile's fractions refer to (default: ramp + 20 s). */
  readonly phaseS?: number;
  /**
   * examples: copies of the example flows (realistic prompts, a call lasts a minute or more);
   * short: copies of load/flows/lastprobe-* (a call lasts ~10 s; for npm test).
   */
  readonly flows?: 'examples' | 'short';
  /** Every n-th caller presses 0 after the greeting (the human escape → a REST handoff); default none. */
  readonly handoffEvery?: number;
}

export interface FaultRunReport {
  readonly profile: string;
  readonly description: string;
  readonly wallS: number;
  readonly endings: CallEndingCounts;
  readonly records: RecordCounts;
  readonly scan: Omit<ScanCounts, 'hits'> & { readonly hits: number };
  readonly events: readonly FaultEvent[];
  /** What the fakes injected, by fake and fault. */
  readonly injected: Readonly<Record<string, unknown>>;
  readonly webhookRefused: number;
  readonly problems: readonly string[];
}

/**
 * Copies of flows with their own slug, delivery to our receiver and a canary in a line: one
 * stored with webhook delivery, one zero persistence (webhook), one stored for the inbox.
 */
interface Variant { readonly from: string; readonly slug: string; readonly stored: 'webhook' | 'inbox' | 'zero' }
const VARIANTS: Readonly<Record<'examples' | 'short', readonly Variant[]>> = {
  examples: [
    { from: 'flows/arztpraxis', slug: 'praxis-webhook', stored: 'webhook' },
    { from: 'flows/kanzlei', slug: 'kanzlei-ohne-speicher', stored: 'zero' },
    { from: 'flows/arztpraxis', slug: 'praxis-posteingang', stored: 'inbox' },
  ],
  short: [
    { from: 'load/flows/lastprobe-inbox', slug: 'probe-webhook', stored: 'webhook' },
    { from: 'load/flows/lastprobe-webhook', slug: 'probe-ohne-speicher', stored: 'zero' },
    { from: 'load/flows/lastprobe-inbox', slug: 'probe-posteingang', stored: 'inbox' },
  ],
};

function writeVariant(v: Variant, dir: string, webhookUrl: string, canary: string): string {
  const doc = JSON.parse(readFileSync(join(ROOT, `${v.from}.flow.json`), 'utf8')) as {
    id: string; settings: Record<string, unknown>; nodes: Record<string, { kind: string; respectHours?: boolean }>;
  };
  doc.id = v.slug;
  doc.settings.zeroPersistence = v.stored === 'zero';
  doc.settings.retention = v.stored === 'inbox' ? { mode: 'ttl', days: 7 } : { mode: 'immediate' };
  doc.settings.delivery = v.stored === 'inbox' ? { inbox: true } : { inbox: false, webhookUrl };
  // Handoffs ring whatever the time of day (the server runs on the wall clock), so callers who
  // press 0 reach the REST handoff path.
  for (const node of Object.values(doc.nodes)) if (node.kind === 'handoff') node.respectHours = false;
  const tests = JSON.parse(readFileSync(join(ROOT, `${v.from}.test.json`), 'utf8')) as { scenarios: { turns: { say?: string }[] }[] };
  // The second line is the caller's name in these flows: the canary rides along with it.
  for (const s of tests.scenarios) if (typeof s.turns[1]?.say === 'string') s.turns[1].say = `${s.turns[1].say} ${canary}`;
  const file = join(dir, `${v.slug}.flow.json`);
  writeFileSync(file, JSON.stringify(doc));
  writeFileSync(join(dir, `${v.slug}.test.json`), JSON.stringify(tests));
  return file;
}

/** Creates and publishes the variants (provision() then binds numbers and sets the webhook URL). */
async function createFlows(api: Api, scripts: readonly CallScript[]): Promise<void> {
  for (const s of scripts) {
    const { flow } = await api.json<{ flow: { id: string } }>('POST', '/api/flows', { flow: JSON.parse(readFileSync(s.flowFile, 'utf8')) });
    await api.json('POST', `/api/flows/${flow.id}/versions`, { message: 'fault run' });
  }
}

export async function runFaultLoad(o: FaultRunOptions): Promise<FaultRunReport> {
  const wallStart = performance.now();
  const runDir = o.outDir;
  const flowsDir = join(runDir, 'flows');
  mkdirSync(flowsDir, { recursive: true });
  const canary = `Kanarie${randomBytes(5).toString('hex')}`;
  const receiver = await startWebhookReceiver();
  const rest = await startTwilioRestFake({ ...(o.profile.fakes.twilio ? { faults: o.profile.fakes.twilio } : {}) });
  const book = new PhraseBook();
  const scripts = VARIANTS[o.flows ?? 'examples'].map((v) => loadScript(writeVariant(v, flowsDir, receiver.url, canary), book, flowsDir));
  const { google, elevenlabs, openai } = o.profile.fakes;
  const stack = await startStack({
    runDir, delays: o.delays ?? { stt: 300, llm: 400, tts: 150 }, phrases: book.list, faults: { google, elevenlabs, openai },
    serverEnv: { TWILIO_API_BASE_URL: rest.baseUrl, CALLFLOW_DELIVERY_INTERVAL_MS: '500' },
  });
  try {
    const api = await login(stack.serverUrl, stack.admin.email, stack.admin.password);
    await createFlows(api, scripts);
    const bindings = await provision(api, scripts, receiver.url);
    const flows = new Map<string, FlowDelivery>(bindings.map((b) => [b.flowId, { zeroPersistence: b.script.zeroPersistence, webhook: b.script.delivery === 'webhook' }]));
    const boundMs = (o.callBoundS ?? 90) * 1000;
    const rampMs = o.rampS * 1000;
    // The load phase the profile's fractions refer to: the ramp plus about one call.
    const t0 = performance.now();
    const schedule = runFaultSchedule(o.profile, { durationMs: (o.phaseS ?? o.rampS + 20) * 1000, receiver, server: stack });
    const clock = () => performance.now() - t0;
    const calls = await Promise.all(
      Array.from({ length: o.calls }, async (_, i) => {
        await sleep((i / o.calls) * rampMs);
        const b = bindings[i % bindings.length];
        const target: CallTarget = { serverUrl: stack.serverUrl, publicBaseUrl: stack.publicBaseUrl, ...stack.twilio, number: b.number };
        const every = o.handoffEvery ?? 0;
        const pressZero = every > 0 && i % every === every - 1;
        // Handoffs alternate between answered and not answered (the flow resumes on a new stream).
        const answers = Math.floor(i / Math.max(every, 1)) % 2 === 0;
        return toleratingCall(target, b.script, { turns: o.turnsPerCall, boundMs, clock, rest, answers, pressZero });
      }),
    );
    await schedule.done;
    schedule.cancel();
    await sleep((o.drainS ?? 5) * 1000);
    const injected = await fetch(`${stack.fakes.controlUrl}/stats`).then((r) => r.json() as Promise<Record<string, unknown>>, () => ({}));
    await stack.stop();

    const endings = checkCallEndings(calls, rest.updates.map((u) => ({ callSid: u.callSid, kind: updateKind(u.params) })), {
      downWindows: schedule.downWindows(), boundMs,
    });
    const records = checkRecords({ logText: readFileSync(stack.logs.server, 'utf8'), store: readStore(stack.dataDir), deliveries: receiver.deliveries, flows });
    // A line the flow itself contains (an example date in a prompt) is not only the caller's.
    const flowTexts = scripts.map((s) => readFileSync(s.flowFile, 'utf8'));
    const canaries = [canary, ...new Set(scripts.flatMap((s) => s.canaries))].filter((c) => !flowTexts.some((t) => t.includes(c)));
    // Everything the run produced; not the input folder with the scripts' lines.
    const produced = readdirSync(runDir).filter((f) => f !== 'flows').map((f) => join(runDir, f));
    const scan = scanRunDir(produced, canaries, [stack.logs.server]);
    const report: FaultRunReport = {
      profile: o.profile.name,
      description: o.profile.description,
      wallS: Math.round((performance.now() - wallStart) / 100) / 10,
      endings: endings.counts,
      records: records.counts,
      scan: { ...scan.counts, hits: scan.counts.hits.length },
      events: schedule.events,
      injected: { ...injected, twilio: rest.injectedFaults },
      webhookRefused: receiver.stats().refused,
      problems: [...endings.problems, ...records.problems, ...scan.problems, ...notesPerCall(endings.counts, records.counts)],
    };
    writeFileSync(join(runDir, 'faults-report.json'), JSON.stringify(report, null, 2));
    return report;
  } finally {
    await stack.stop(2000);
    await Promise.all([receiver.close(), rest.close()]);
  }
}

/** Every call that ended away from the crash left its note (accepted by the records service). */
function notesPerCall(endings: CallEndingCounts, records: RecordCounts): string[] {
  const seen = records.accepted + records.deliveredUnlogged;
  return seen >= endings.expectedNotes ? [] : [`${endings.expectedNotes} calls ended normally but only ${seen} notes were accepted`];
}

interface CallerOptions {
  readonly turns?: number;
  readonly boundMs: number;
  readonly clock: () => number;
  readonly rest: TwilioRestFake;
  /** Whether the person rings through when the call is handed over (else: no answer). */
  readonly answers: boolean;
  /** Press 0 after the greeting instead of speaking. */
  readonly pressZero: boolean;
}

/**
 * One call that goes along with whatever the engine does; reports how it ended. It plays
 * Twilio's part of a handoff too: after a <Dial> update it leaves the stream (the call is still
 * live), then posts the dial callback — answered, or no answer and it follows the new stream.
 */
async function toleratingCall(target: CallTarget, script: CallScript, o: CallerOptions): Promise<ObservedCall> {
  const caller = new TwilioCaller({ ...target, to: target.number, speed: 1 });
  const startedAtMs = o.clock();
  let handoff: ObservedCall['handoff'];
  const done = (endedBy: ObservedCall['endedBy']): ObservedCall =>
    ({ callSid: caller.callSid, startedAtMs, endedAtMs: o.clock(), endedBy, frames: line.frames, ...(handoff ? { handoff } : {}) });
  const line = new LineWatcher(caller, o.rest, startedAtMs + o.boundMs, o.clock);
  const answer = await caller.placeCall().catch(() => undefined);
  if (answer?.status !== 200 || !answer.stream) return done('refused');
  if (!(await caller.connect(answer).then(() => true, () => false))) return done('refused');
  const turns = script.turns.slice(0, o.turns ?? script.turns.length);
  // A shortened script hangs up once the answer to its last line starts (keeps test calls short).
  const cut = turns.length < script.turns.length;
  let next = 0;
  let since = 0;
  let pressed = false;
  for (;;) {
    const state = await line.untilPromptPlayed(since, cut && !pressed && next >= turns.length && turns.length > 0);
    if (state === 'played' && (pressed || o.pressZero)) {
      // Pressed 0: hear the engine out — it announces, transfers, and (not answered) goes on.
      if (!pressed) caller.dtmf('0');
      pressed = true;
      since = performance.now();
    } else if (state === 'played' && next >= turns.length) {
      await caller.hangup().catch(() => undefined);
      return done('caller-done');
    } else if (state === 'played') {
      const turn = turns[next++];
      await caller.pause(200);
      await caller.speak(turn.speakMs, turn.seed);
      since = caller.lastSpeechSentAt;
    } else if (state === 'transferred') {
      handoff = await dialCallback(caller, target, o, handoff === undefined && o.answers);
      if (handoff !== 'resumed') return done('server');
      since = performance.now();
    } else if (state === 'bound') {
      await caller.hangup().catch(() => undefined);
      return done('caller-gave-up');
    } else return done('server');
  }
}

/** Twilio after a <Dial>: the stream goes, the call stays up, then DialCallStatus comes back. */
async function dialCallback(caller: TwilioCaller, target: CallTarget, o: CallerOptions, answered: boolean): Promise<NonNullable<ObservedCall['handoff']>> {
  o.rest.setCallStatus(caller.callSid, 'in-progress');
  await caller.hangup().catch(() => undefined);
  await sleep(300); // the engine asks Twilio whether the call is still up, then parks it
  const callback = new TwilioCaller({ ...target, to: target.number, voicePath: '/twilio/dial-action' });
  const reply = await callback.placeCall({ CallSid: caller.callSid, DialCallStatus: answered ? 'completed' : 'no-answer' }).catch(() => undefined);
  if (!answered && reply?.stream && (await caller.connect(reply).then(() => true, () => false))) return 'resumed';
  o.rest.setCallStatus(caller.callSid, 'completed');
  return answered ? 'answered' : 'apology';
}

/** Follows what the caller receives, without keeping the audio. */
class LineWatcher {
  frames = 0;
  private marks = 0;
  private lastMediaAt = 0;
  private updatesSeen = 0;

  constructor(
    private readonly caller: TwilioCaller,
    private readonly rest: TwilioRestFake,
    private readonly deadline: number,
    private readonly clock: () => number,
  ) {}

  /**
   * Silence on the line until the next prompt has played (media after `since`, all marks
   * echoed, 300 ms quiet — or only begun, with `firstFrameOnly`), the engine updates the call by REST (a <Dial>: transferred; a
   * hangup: Twilio ends the call), the socket closes, or the bound passes.
   */
  async untilPromptPlayed(since: number, firstFrameOnly = false): Promise<'played' | 'transferred' | 'ended' | 'bound'> {
    for (;;) {
      this.drain();
      const update = this.newUpdate();
      if (update && updateKind(update.params) === 'dial') return 'transferred';
      if (update) {
        this.rest.setCallStatus(this.caller.callSid, 'completed');
        await this.caller.hangup().catch(() => undefined);
        return 'ended';
      }
      if (!this.caller.open) return 'ended';
      const now = performance.now();
      if (firstFrameOnly && this.lastMediaAt > since) return 'played';
      if (this.lastMediaAt > since && this.marks > 0 && this.caller.echoedMarks.length >= this.marks && now - this.lastMediaAt > 300) return 'played';
      if (this.clock() > this.deadline) return 'bound';
      await this.caller.pause(100);
    }
  }

  private newUpdate() {
    const mine = this.rest.updates.filter((u) => u.callSid === this.caller.callSid);
    if (mine.length <= this.updatesSeen) return undefined;
    return mine[this.updatesSeen++];
  }

  private drain(): void {
    for (const r of this.caller.received) {
      if (r.event === 'media') {
        this.frames++;
        this.lastMediaAt = r.at;
      } else if (r.event === 'mark') this.marks++;
    }
    this.caller.received.length = 0;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
