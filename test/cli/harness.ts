// Runs `callflow` commands in-process (through runCli) and captures what they print.
import { runCli } from '../../engine/src/cli/run';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function callflow(
  argv: string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd: options.cwd,
    env: options.env ?? { LANG: 'de_DE.UTF-8' },
  });
  return { code, stdout, stderr };
}
