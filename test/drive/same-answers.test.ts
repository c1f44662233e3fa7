// The designer's local test chat and `callflow simulate` run a flow through the same text driver:
// for the same caller turns at the same times they say the same things and write the same note.
// The turns include what the deterministic understanding cannot read (it once answered the
// designer's chat differently: extraction echoed the caller's words there, failed elsewhere).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { handoffEvent, localEngine } from '../../designer/src/panels/chat/driver';
import { runCli } from '../../engine/src/cli/run';
import type { CallEvent } from '../../engine/src/flow/call/types';
import { loadFlow } from '../../engine/src/flow/index';

const ROOT = resolve(import.meta.dirname, '../..');
const AT = '2026-03-02T09:00:00+01:00';
const TURN_MS = 5000;

/** What the CLI prints the bot saying, in order, and the record it prints at the end. */
async function simulated(flowFile: string, lines: string[]) {
  let out = '';
  const code = await runCli(['simulate', flowFile, '--at', AT], {
    stdout: (t) => (out += t),
    stderr: (t) => (out += t),
    cwd: ROOT,
    env: {},
    stdin: Readable.from([lines.map((l) => `${l}\n`).join('')]),
  });
  expect(code).toBe(0);
  const said = out
    .split('\n')
    .filter((l) => l.startsWith('bot> '))
    .map((l) => l.slice(5));
  return { said, record: JSON.parse(out.slice(out.indexOf('\n{') + 1)) };
}

/** The same input lines as the chat's buttons and text box would send them. */
function chatEvent(line: string, at: number): CallEvent {
  const t = line.trim();
  if (t === '') return { type: 'silence', at };
  if (t.startsWith('!')) return handoffEvent(t.slice(1) as 'answered', at);
  if (t.startsWith('#')) return { type: 'dtmf', at, digit: t.slice(1) };
  return { type: 'utterance', at, text: t, final: true };
}

function chatted(flowFile: string, lines: string[]) {
  const loaded = loadFlow(readFileSync(resolve(ROOT, flowFile), 'utf8'));
  if (!loaded.ok) throw new Error(`${flowFile} does not load`);
  let at = Date.parse(AT);
  let s = localEngine.begin(loaded.compiled, at);
  for (const line of lines) {
    if (s.ended) break;
    at += TURN_MS;
    s = localEngine.send(s, chatEvent(line, at));
  }
  if (!s.ended) s = localEngine.send(s, { type: 'hangup', at: at + TURN_MS });
  return { said: s.lines.filter((l) => l.who === 'bot').map((l) => l.text), record: s.record };
}

const CONVERSATIONS: [flow: string, lines: string[]][] = [
  [
    'flows/support-desk.flow.json',
    [
      'yes',
      'uh, well',
      'Anna Schmidt',
      'no idea',
      'anna at example dot com',
      '',
      'not a number',
      '#0',
      '!no-answer',
    ],
  ],
  [
    'flows/arztpraxis.flow.json',
    ['Ja', 'hm', 'Erika Mustermann', 'irgendwann', '12.03.1980', 'ja', 'Rückruf'],
  ],
  ['flows/kanzlei.flow.json', ['Ja', 'äh', 'Max Meier', '', 'Mietrecht', 'nein', '#0', '!busy']],
];

describe('the designer test chat and callflow simulate', () => {
  it.each(CONVERSATIONS)('%s: the same turns get the same answers and the same note', async (flow, lines) => {
    const cli = await simulated(flow, lines);
    const chat = chatted(flow, lines);
    expect(chat.said.length).toBeGreaterThan(lines.length / 2);
    expect(chat.said).toEqual(cli.said);
    const { txId: _cliTx, ...cliNote } = cli.record;
    const { txId: _chatTx, ...chatNote } = chat.record ?? {};
    expect(chatNote).toEqual(cliNote);
  });
});
