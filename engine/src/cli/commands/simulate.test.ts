import { Readable } from 'node:stream';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../run';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

async function simulate(input: string, args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(['simulate', ...args], {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    cwd: ROOT,
    env: {},
    stdin: Readable.from([input]),
  });
  return { code, out, err };
}

describe('callflow simulate', () => {
  it('chats with a flow from piped input and prints the record at the end', async () => {
    const r = await simulate('ja\nMein Name ist Anna Schmidt\n\n#0\n!answered\n', [
      'flows/arztpraxis.flow.json',
      '--at',
      '2026-03-02T09:00:00+01:00',
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('bot> Darf ich Ihr Anliegen aufnehmen');
    expect(r.out).toContain('you> Mein Name ist Anna Schmidt');
    expect(r.out).toContain('bot> Sind Sie noch da?');
    expect(r.out).toContain(
      '[Weiterleitung / transfer → empfang; Flüstern / whisper: "Anruf über den KI-Assistenten. Anrufer: Anna Schmidt."]',
    );
    const record = JSON.parse(r.out.slice(r.out.indexOf('{')));
    expect(record).toMatchObject({
      outcome: 'handed-off',
      consent: 'given',
      fields: { name: { value: 'Anna Schmidt' } },
      test: true,
    });
  });

  it('hangs up at the end of input (Ctrl-D)', async () => {
    const r = await simulate('yes\n', ['flows/support-desk.flow.json', '--at=2026-03-02T10:00:00Z']);
    expect(r.out).toContain('bot> What is your full name?');
    expect(JSON.parse(r.out.slice(r.out.indexOf('{')))).toMatchObject({
      outcome: 'hung-up',
      language: 'en-GB',
    });
  });

  it('explains its usage without a flow', async () => {
    const r = await simulate('', []);
    expect(r.code).toBe(2);
    expect(r.err).toContain('callflow simulate <flow.json>');
  });
});
