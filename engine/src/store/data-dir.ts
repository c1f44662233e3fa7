// The data directory and the master key file of the embedded default.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const DB_FILE = 'callflow.db';
export const MASTER_KEY_FILE = 'master.key';

/** Creates the directory if needed and keeps it private to the server's user (0700). */
export function ensureDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/** A 32-byte key from base64 or hex; anything else is refused. */
export function parseMasterKey(raw: string): Buffer | undefined {
  const trimmed = raw.trim();
  const hex = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : undefined;
  const key = hex ?? Buffer.from(trimmed, 'base64');
  return key.length === 32 ? key : undefined;
}

/**
 * The master key from the environment, else from `<dataDir>/master.key` (generated once, 0600).
 * `generated` tells the caller to warn: a key next to the database protects nothing against
 * someone who copies the whole directory, so production must bring its own.
 */
export function loadMasterKey(
  dataDir: string,
  fromEnv: string | undefined,
): { key: Buffer; source: 'env' | 'file'; generated: boolean } {
  if (fromEnv !== undefined) {
    const key = parseMasterKey(fromEnv);
    if (!key) throw new Error('CALLFLOW_MASTER_KEY must be 32 bytes as base64 or hex');
    return { key, source: 'env', generated: false };
  }
  const file = path.join(dataDir, MASTER_KEY_FILE);
  if (existsSync(file)) {
    const key = parseMasterKey(readFileSync(file, 'utf8'));
    if (!key) throw new Error('master.key in the data directory is damaged');
    return { key, source: 'file', generated: false };
  }
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return { key, source: 'file', generated: true };
}
