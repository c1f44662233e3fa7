// Database files readable and writable by the server's user only (0600). The data directory is
// 0700, but a file's own mode travels with it: a copied database or key store (a backup, a
// support bundle, a directory whose mode someone loosened) must not be world-readable.
import { chmodSync, closeSync, openSync } from 'node:fs';

const OWNER_ONLY = 0o600;

/** The companions SQLite creates next to a database in WAL mode (and a rollback journal). */
const COMPANIONS = ['-wal', '-shm', '-journal'];

/**
 * Before SQLite opens `file`: creates it 0600 if missing — SQLite gives the `-wal` and `-shm`
 * files it creates later the mode of their database — and corrects an existing install's files.
 */
export function ownerOnlyDatabaseFiles(file: string): void {
  if (file === ':memory:' || file.startsWith('file:')) return;
  closeSync(openSync(file, 'a', OWNER_ONLY));
  for (const f of [file, ...COMPANIONS.map((suffix) => file + suffix)]) {
    try {
      chmodSync(f, OWNER_ONLY);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}
