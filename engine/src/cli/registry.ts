// Every CLI command, in the order `callflow help` lists them. Add a command by writing
// ./commands/<name>.ts and one line here.
import type { CliCommand } from './command';

export const COMMANDS: CliCommand[] = [];
