// A fault run: calls through the real server and fakes (load/stack.ts) while a fault profile
// (load/faults.ts) breaks vendors, takes the webhook receiver down and SIGKILLs the server; then
// the checks of load/verify.ts. The callers (load/fault-caller.ts) are tolerant and play Twilio's
// part of REST hangups and handoffs — so the Twilio REST fake runs in this process, where they
// can see its updates. Results go to `<outDir>/faults-report.json` (counts and ids only, no
// caller content).
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTwilioRestFake, type TwilioRestFake } from '../test/fakes/twilio-rest-server';
import type { CallTarget } from './call-runner';
import { toleratingCall } from './fault-caller';
import type { FakeDelays } from './fakes-process';
import { runFaultSchedule, type FaultEvent, type FaultProfile } from './faults';
import { login, provision, type Api, type Binding } from './provision';
import { loadScript, PhraseBook, type CallScript } from './scripts';
import { ROOT, startStack, type Stack } from './stack';
import {
  checkCallEndings,
  checkRecords,
  readStore,
  scanRunDir,
  updateKind,
  type CallEndingCounts,
  type FlowDelivery,
  type ObservedCall,
  type RecordCounts,
  type ScanCounts,
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
  /** hits: files with a canary; canaryInNotes: inbox notes that carry it (the scan looked for something real). */
  readonly scan: Omit<ScanCounts, 'hits'> & { readonly hits: number; readonly canaryInNotes: number };
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
interface Variant {
  readonly from: string;
  readonly slug: string;
  readonly stored: 'webhook' | 'inbox' | 'zero';
}
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
    id: string;
    settings: Record<string, unknown>;
    nodes: Record<string, { kind: string; respectHours?: boolean }>;
  };
  doc.id = v.slug;
  doc.settings.zeroPersistence = v.stored === 'zero';
  doc.settings.retention = v.stored === 'inbox' ? { mode: 'ttl', days: 7 } : { mode: 'immediate' };
  doc.settings.delivery = v.stored === 'inbox' ? { inbox: true } : { inbox: false, webhookUrl };
  // Handoffs ring whatever the time of day (the server runs on the wall clock), so callers who
  // press 0 reach the REST handoff path.
  for (const node of Object.values(doc.nodes)) if (node.kind === 'handoff') node.respectHours = false;
  const tests = JSON.parse(readFileSync(join(ROOT, `${v.from}.test.json`), 'utf8')) as {
    scenarios: { turns: { say?: string }[] }[];
  };
  // The second line is the caller's name in these flows: the canary becomes the surname.
  for (const s of tests.scenarios)
    if (typeof s.turns[1]?.say === 'string') s.turns[1].say = s.turns[1].say.replace(/\S+$/, canary);
  const file = join(dir, `${v.slug}.flow.json`);
  writeFileSync(file, JSON.stringify(doc));
  writeFileSync(join(dir, `${v.slug}.test.json`), JSON.stringify(tests));
  return file;
}

/** Creates and publishes the variants (provision() then binds numbers and sets the webhook URL). */
async function createFlows(api: Api, scripts: readonly CallScript[]): Promise<void> {
  for (const s of scripts) {
    const { flow } = await api.json<{ flow: { id: string } }>('POST', '/api/flows', {
      flow: JSON.parse(readFileSync(s.flowFile, 'utf8')),
    });
    await api.json('POST', `/api/flows/${flow.id}/versions`, { message: 'fault run' });
  }
}

export async function runFaultLoad(o: FaultRunOptions): Promise<FaultRunReport> {
  const wallStart = performance.now();
  const flowsDir = join(o.outDir, 'flows');
  mkdirSync(flowsDir, { recursive: true });
  // Letters only: it must survive name extraction into the note (the scan's positive control).
  const canary = `Kanarie${[...randomBytes(10)].map((b) => String.fromCharCode(97 + (b % 26))).join('')}`;
  const receiver = await startWebhookReceiver();
  const rest = await startTwilioRestFake({
    ...(o.profile.fakes.twilio ? { faults: o.profile.fakes.twilio } : {}),
  });
  let stack: Stack | undefined;
  try {
    const book = new PhraseBook();
    const scripts = VARIANTS[o.flows ?? 'examples'].map((v) =>
      loadScript(writeVariant(v, flowsDir, receiver.url, canary), book, flowsDir),
    );
    const { google, elevenlabs, openai } = o.profile.fakes;
    stack = await startStack({
      runDir: o.outDir,
      delays: o.delays ?? { stt: 300, llm: 400, tts: 150 },
      phrases: book.list,
      faults: { google, elevenlabs, openai },
      serverEnv: { TWILIO_API_BASE_URL: rest.baseUrl, CALLFLOW_DELIVERY_INTERVAL_MS: '500' },
    });
    const api = await login(stack.serverUrl, stack.admin.email, stack.admin.password);
    await createFlows(api, scripts);
    const bindings = await provision(api, scripts, receiver.url);
    const t0 = performance.now();
    const schedule = runFaultSchedule(o.profile, {
      durationMs: (o.phaseS ?? o.rampS + 20) * 1000,
      receiver,
      server: stack,
    });
    const calls = await placeCalls(o, stack, bindings, rest, () => performance.now() - t0);
    await schedule.done;
    schedule.cancel();
    await sleep((o.drainS ?? 5) * 1000);
    // Positive control for the canary scan: the word did reach the notes (the inbox decrypts them).
    const inbox = await api
      .json<{ calls: unknown[] }>('GET', '/api/calls')
      .catch(() => ({ calls: [] as unknown[] }));
    const canaryInNotes = inbox.calls.filter((c) => JSON.stringify(c).includes(canary)).length;
    const injected = await fetch(`${stack.fakes.controlUrl}/stats`).then(
      (r) => r.json() as Promise<Record<string, unknown>>,
      () => ({}),
    );
    await stack.stop();

    const endings = checkCallEndings(
      calls,
      rest.updates.map((u) => ({ callSid: u.callSid, kind: updateKind(u.params) })),
      {
        downWindows: schedule.downWindows(),
        boundMs: callBoundMs(o),
      },
    );
    const flows = new Map<string, FlowDelivery>(
      bindings.map((b) => [
        b.flowId,
        { zeroPersistence: b.script.zeroPersistence, webhook: b.script.delivery === 'webhook' },
      ]),
    );
    const records = checkRecords({
      logText: readFileSync(stack.logs.server, 'utf8'),
      store: readStore(stack.dataDir),
      deliveries: receiver.deliveries,
      flows,
    });
    const scan = scanRun(o.outDir, scripts, canary, stack.logs.server);
    const report: FaultRunReport = {
      profile: o.profile.name,
      description: o.profile.description,
      wallS: Math.round((performance.now() - wallStart) / 100) / 10,
      endings: endings.counts,
      records: records.counts,
      scan: { ...scan.counts, hits: scan.counts.hits.length, canaryInNotes },
      events: schedule.events,
      injected: { ...injected, twilio: rest.injectedFaults },
      webhookRefused: receiver.stats().refused,
      problems: [
        ...endings.problems,
        ...records.problems,
        ...scan.problems,
        ...notesPerCall(endings.counts, records.counts),
      ],
    };
    writeFileSync(join(o.outDir, 'faults-report.json'), JSON.stringify(report, null, 2));
    return report;
  } finally {
    await stack?.stop(2000);
    await Promise.all([receiver.close(), rest.close()]);
  }
}

const callBoundMs = (o: FaultRunOptions) => (o.callBoundS ?? 90) * 1000;

/** Calls start evenly over the ramp, round-robin over the bindings; every n-th presses 0. */
function placeCalls(
  o: FaultRunOptions,
  stack: Stack,
  bindings: readonly Binding[],
  rest: TwilioRestFake,
  clock: () => number,
): Promise<ObservedCall[]> {
  const every = o.handoffEvery ?? 0;
  return Promise.all(
    Array.from({ length: o.calls }, async (_, i) => {
      await sleep((i / o.calls) * o.rampS * 1000);
      const b = bindings[i % bindings.length];
      const target: CallTarget = {
        serverUrl: stack.serverUrl,
        publicBaseUrl: stack.publicBaseUrl,
        ...stack.twilio,
        number: b.number,
      };
      const pressZero = every > 0 && i % every === every - 1;
      // Handoffs alternate between answered and not answered (the flow resumes on a new stream).
      const answers = Math.floor(i / Math.max(every, 1)) % 2 === 0;
      return toleratingCall(target, b.script, {
        turns: o.turnsPerCall,
        boundMs: callBoundMs(o),
        clock,
        rest,
        answers,
        pressZero,
      });
    }),
  );
}

/** The canary scan over everything the run produced (not the input folder with the scripts' lines). */
function scanRun(runDir: string, scripts: readonly CallScript[], canary: string, serverLog: string) {
  // A line the flow itself contains (an example date in a prompt) is not only the caller's.
  const flowTexts = scripts.map((s) => readFileSync(s.flowFile, 'utf8'));
  const canaries = [canary, ...new Set(scripts.flatMap((s) => s.canaries))].filter(
    (c) => !flowTexts.some((t) => t.includes(c)),
  );
  const produced = readdirSync(runDir)
    .filter((f) => f !== 'flows')
    .map((f) => join(runDir, f));
  return scanRunDir(produced, canaries, [serverLog]);
}

/** Every call that ended away from the crash left its note (accepted by the records service). */
function notesPerCall(endings: CallEndingCounts, records: RecordCounts): string[] {
  const seen = records.accepted + records.deliveredUnlogged;
  return seen >= endings.expectedNotes
    ? []
    : [`${endings.expectedNotes} calls ended normally but only ${seen} notes were accepted`];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
