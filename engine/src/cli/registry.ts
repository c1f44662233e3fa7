// Every CLI command, in the order `callflow help` lists them. Add a command by writing
// ./commands/<name>.ts and one line here. Each command loads when it is asked for: `callflow
// validate`, run per file in pre-commit hooks, then never loads what `test`, `simulate` or
// `receipts` need (a SQLite driver among them): 150 instead of 170 ms CPU per start, measured.
import type { CliCommand } from './command';

type Loader = () => Promise<{ command: CliCommand }>;

export const COMMANDS: ReadonlyMap<string, Loader> = new Map<string, Loader>([
  ['validate', () => import('./commands/validate')],
  ['fmt', () => import('./commands/fmt')],
  ['diff', () => import('./commands/diff')],
  ['hash', () => import('./commands/hash')],
  ['migrate', () => import('./commands/migrate')],
  ['privacy', () => import('./commands/privacy')],
  ['test', () => import('./commands/test')],
  ['simulate', () => import('./commands/simulate')],
  ['login', () => import('./commands/login')],
  ['push', () => import('./commands/push')],
  ['pull', () => import('./commands/pull')],
  ['publish', () => import('./commands/publish')],
  ['receipts', () => import('./commands/receipts')],
  ['members', () => import('./commands/members')],
  ['admin', () => import('./commands/admin')],
]);

/** The command registered as `name`, loaded; undefined when there is none. */
export async function loadCommand(name: string): Promise<CliCommand | undefined> {
  const load = COMMANDS.get(name);
  return load ? (await load()).command : undefined;
}

/** Every command, loaded, in help order. */
export function loadAllCommands(): Promise<CliCommand[]> {
  return Promise.all([...COMMANDS.values()].map(async (load) => (await load()).command));
}
