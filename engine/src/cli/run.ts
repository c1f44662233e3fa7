import type { CliIO } from './command';
import { loadAllCommands, loadCommand } from './registry';

async function help(io: CliIO): Promise<void> {
  const commands = await loadAllCommands();
  const width = Math.max(...commands.map((c) => c.name.length));
  io.stdout('Usage: callflow <command> [options]\n\nCommands:\n');
  for (const c of commands) io.stdout(`  ${c.name.padEnd(width)}  ${c.summary}\n`);
  io.stdout('\nRun `callflow <command> --help` for details.\n');
}

/** Runs one CLI invocation in-process and returns its exit code (0 ok, 1 problems found, 2 usage). */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    await help(io);
    return name ? 0 : 2;
  }
  const command = await loadCommand(name);
  if (!command) {
    io.stderr(`callflow: unknown command "${name}". Run \`callflow help\` for the list.\n`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(`Usage: ${command.usage}\n\n${command.summary}\n`);
    return 0;
  }
  return command.run(args, io);
}
