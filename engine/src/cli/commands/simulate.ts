// `callflow simulate <flow>`: a text chat with a flow in the terminal. The bot's prompts are
// printed; each input line is one caller turn: text = speech, `#1` = key press(es), an empty line
// = silence, `!answered` / `!no-answer` / `!busy` / `!failed` = what happened to a transfer;
// end of input (Ctrl-D) hangs up. The clock starts at --at (default: now) and advances 5 s per
// turn. The flow runs through the one text driver (flow/drive/), like conversation tests and the
// designer's test chat: there is no LLM here, so extraction requests get the deterministic
// understanding. At the end the call record is printed as JSON.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { CallAction } from '../../flow/call/types';
import type { Turn } from '../../flow/conversation/schema';
import { beginTextCall, sendTurn, type TextCall } from '../../flow/drive/index';
import { loadFlow } from '../../flow/index';
import type { CliCommand, CliIO } from '../command';

const TURN_MS = 5000;
const HANDOFF = ['answered', 'no-answer', 'busy', 'failed'] as const;

/** An input line as a caller turn. */
export function turnOfLine(line: string): Turn {
  const t = line.trim();
  if (t === '') return { silence: true };
  if (/^#[0-9*#]+$/.test(t)) return { dtmf: t.slice(1) };
  const outcome = HANDOFF.find((o) => t === `!${o}`);
  if (outcome) return { handoff: outcome };
  return { say: t };
}

function show(actions: readonly CallAction[], io: CliIO): void {
  for (const a of actions) {
    if (a.type === 'say') io.stdout(`bot> ${a.text}\n`);
    else if (a.type === 'transfer') {
      io.stdout(`     [Weiterleitung / transfer → ${a.target}; Flüstern / whisper: "${a.whisper}"]\n`);
      io.stdout('     [!answered | !no-answer | !busy | !failed]\n');
    } else if (a.type === 'hangup') io.stdout('     [aufgelegt / hung up]\n');
  }
}

/** Sends one turn and prints what the caller hears of it. */
function turn(call: TextCall, t: Turn, at: number, io: CliIO): TextCall {
  const next = sendTurn(call, t, at);
  show(next.actions.slice(call.actions.length), io);
  return next;
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
    let call = beginTextCall(loaded.compiled, {
      txId: 'simulation',
      startedAt: at,
      channel: 'test',
      ...(opts.caller ? { callerNumber: opts.caller } : {}),
    });
    io.stdout(
      'Probeanruf / test call — #<Taste> = key, leere Zeile / empty line = silence, Ctrl-D = auflegen / hang up\n',
    );
    show(call.actions, io);
    if (io.stdin && !call.ended) {
      const rl = createInterface({ input: io.stdin, crlfDelay: Infinity, terminal: false });
      // Piped input is echoed, so a saved transcript reads like the conversation it was.
      const echo = !(io.stdin as { isTTY?: boolean }).isTTY;
      for await (const line of rl) {
        at += TURN_MS;
        if (echo) io.stdout(`you> ${line}\n`);
        call = turn(call, turnOfLine(line), at, io);
        if (call.ended) break;
      }
      rl.close();
    }
    if (!call.ended) call = turn(call, { hangup: true }, at + TURN_MS, io);
    io.stdout(`\nGesprächsnotiz / call record:\n${JSON.stringify(call.record, null, 2)}\n`);
    return 0;
  },
};
