// A database as an earlier release left it: a copy of a migrations folder whose journal stops
// before a given migration. Migrate a fresh database with it, write rows the old way, then open
// the store (which applies the rest) to test an upgrade.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const STORE = join(__dirname, '../../engine/src/store');

/** The folder (`migrations` = SQLite, `pg-migrations`) up to, not including, the migration tagged `*<tagSuffix>`. */
export function migrationsBefore(folder: 'migrations' | 'pg-migrations', tagSuffix: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'callflow-migrations-'));
  cpSync(join(STORE, folder), dir, { recursive: true });
  const journalFile = join(dir, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  const cut = journal.entries.findIndex((e) => e.tag.endsWith(tagSuffix));
  if (cut <= 0) throw new Error(`no migration tagged *${tagSuffix} after the first`);
  writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }));
  return dir;
}
