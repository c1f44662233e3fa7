// Entry of the `callflow` command: dispatches to the command modules listed in ./registry.
import process from 'node:process';
import { runCli } from './run';

const code = await runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  cwd: process.cwd(),
  env: process.env,
  stdin: process.stdin,
});
process.exitCode = code;
