// `callflow simulate <flow>`: a text chat with a flow in the terminal. The bot's prompts are
// printed; each input line is one caller turn: text = speech, `#1` = key press(es), an empty line
// = silence, `!answered` / `!no-answer` / `!busy` / `!failed` = what happened to a transfer;
// end of input (Ctrl-D) hangs up. The clock starts at --at (default: now) and advances 5 s per
// turn. There is no LLM here: extraction requests fail, so the deterministic fallback is what
// you see. At the end the call record is printed as JSON.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { CompiledFlow } from '../../flow/compiled';
import { loadFlow } from '../../flow/index';
import { start, step } from '../../flow/interpreter/index';
import type { CallAction, CallEvent, CallState } from '../../flow/interpreter/types';
import type { CliCommand, CliIO } from '../command';

const TURN_MS = 5000;
const HANDOFF = ['answered', 'no-answer', 'busy', 'failed'] as const;

function eventsOf(line: string, at: number): CallEvent[] {
  const t = line.trim();
  if (t === '') return [{ type: 'silence', at }];
  if (/^#[0-9*#]+$/.test(t)) return [...t.slice(1)].map((digit) => ({ type: 'dtmf', at, digit }));
  const outcome = HANDOFF.find((o) => t === `!${o}`);
  if (outcome) return [{ type: 'handoff.result', at, outcome }];
  return [{ type: 'utterance', at, text: t, final: true }];
}

class Session {
  record: unknown;
  constructor(
    private readonly flow: CompiledFlow,
    public state: CallState,
    private readonly io: CliIO,
  ) {}

  show(actions: CallAction[], at: number): void {
    for (const a of actions) {
      if (a.type === 'say') this.io.stdout(`bot> ${a.text}\n`);
      else if (a.type === 'transfer') {
        this.io.stdout(`     [Weiterleitung / transfer → ${a.target}; Flüstern / whisper: "${a.whisper}"]\n`);
        this.io.stdout('     [!answered | !no-answer | !busy | !failed]\n');
      } else if (a.type === 'hangup') this.io.stdout('     [aufgelegt / hung up]\n');
      else if (a.type === 'deliver') this.record = a.record;
      else if (a.type === 'extract') {
        // No LLM in the simulator: answer like a failing provider, the interpreter falls back.
        this.feed({ type: 'extracted', at, requestId: a.requestId, error: 'no LLM in the simulator' });
      } else if (a.type === 'answer') {
        // Nor for questions: the caller hears that it cannot be answered for certain.
        this.feed({ type: 'answered', at, requestId: a.requestId, error: 'no LLM in the simulator' });
      }
    }
  }

  feed(event: CallEvent): void {
    const r = step(this.flow, this.state, event);
    this.state = r.state;
    this.show(r.actions, event.at);
  }
}

function parse(args: string[]): { file?: string; at?: number; caller?: string; error?: string } {
  const out: { file?: string; at?: number; caller?: string; error?: string } = {};
  for (let i = 0; i < args.length; i++) {
    const [name, inline] = args[i].split(/=(.*)/s, 2);
    const value = () => inline ?? args[++i];
    if (name === '--at') out.at = Date.parse(value() ?? '');
    else if (name === '--caller') out.caller = value();
    else if (name.startsWith('--')) out.error = `unknown option ${name}`;
    else out.file = args[i];
  }
  if (out.at !== undefined && Number.isNaN(out.at))
    out.error = '--at needs an ISO date, e.g. 2026-03-02T09:00:00+01:00';
  if (!out.file) out.error ??= 'which flow? callflow simulate <flow.json>';
  return out;
}

export const command: CliCommand = {
  name: 'simulate',
  summary: 'Chat with a flow in the terminal as the caller (#1 = key, empty line = silence)',
  usage: 'callflow simulate <flow.json> [--at <ISO time>] [--caller <+49…>]',
  async run(args, io) {
    const opts = parse(args);
    if (opts.error || !opts.file) {
      io.stderr(`callflow simulate: ${opts.error}\n`);
      return 2;
    }
    let text: string;
    try {
      text = readFileSync(resolve(io.cwd, opts.file), 'utf8');
    } catch (e) {
      io.stderr(`callflow simulate: cannot read ${opts.file} (${(e as Error).message})\n`);
      return 2;
    }
    const loaded = loadFlow(text);
    if (!loaded.ok) {
      io.stderr(
        `callflow simulate: ${opts.file} is not a valid flow; run \`callflow validate ${opts.file}\`\n`,
      );
      return 1;
    }
    let at = opts.at ?? Date.now();
    const first = start(loaded.compiled, {
      txId: 'simulation',
      startedAt: at,
      channel: 'test',
      ...(opts.caller ? { callerNumber: opts.caller } : {}),
    });
    const session = new Session(loaded.compiled, first.state, io);
    io.stdout(
      'Probeanruf / test call — #<Taste> = key, leere Zeile / empty line = silence, Ctrl-D = auflegen / hang up\n',
    );
    session.show(first.actions, at);
    if (io.stdin && !session.state.terminal) {
      const rl = createInterface({ input: io.stdin, crlfDelay: Infinity, terminal: false });
      // Piped input is echoed, so a saved transcript reads like the conversation it was.
      const echo = !(io.stdin as { isTTY?: boolean }).isTTY;
      for await (const line of rl) {
        at += TURN_MS;
        if (echo) io.stdout(`you> ${line}\n`);
        for (const event of eventsOf(line, at)) session.feed(event);
        if (session.state.terminal) break;
      }
      rl.close();
    }
    if (!session.state.terminal) session.feed({ type: 'hangup', at: at + TURN_MS });
    io.stdout(`\nGesprächsnotiz / call record:\n${JSON.stringify(session.record, null, 2)}\n`);
    return 0;
  },
};
