// Every CLI command, in the order `callflow help` lists them. Add a command by writing
// ./commands/<name>.ts and one line here.
import type { CliCommand } from './command';
import { command as admin } from './commands/admin';
import { command as diff } from './commands/diff';
import { command as fmt } from './commands/fmt';
import { command as hash } from './commands/hash';
import { command as login } from './commands/login';
import { command as migrate } from './commands/migrate';
import { command as privacy } from './commands/privacy';
import { command as publish } from './commands/publish';
import { command as pull } from './commands/pull';
import { command as push } from './commands/push';
import { command as receipts } from './commands/receipts';
import { command as simulate } from './commands/simulate';
import { command as test } from './commands/test';
import { command as validate } from './commands/validate';

export const COMMANDS: CliCommand[] = [
  validate,
  fmt,
  diff,
  hash,
  migrate,
  privacy,
  test,
  simulate,
  login,
  push,
  pull,
  publish,
  receipts,
  admin,
];
