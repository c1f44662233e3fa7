// Canary scanning: the proof behind "no caller content anywhere". A canary is a unique string
// put into caller speech; afterwards files and logs are searched for it in every encoding a
// careless code path might produce: UTF-8, UTF-16LE, hex and base64 (at all three byte
// alignments, because base64 of a canary inside a longer value depends on its offset).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export type Encoding = 'utf8' | 'utf16le' | 'hex' | 'HEX' | 'base64';

function base64Needles(canary: Buffer): string[] {
  const needles: string[] = [];
  for (let pad = 0; pad < 3; pad++) {
    const encoded = Buffer.concat([Buffer.alloc(pad), canary]).toString('base64');
    // Drop characters that depend on neighbouring bytes at either edge.
    const skip = Math.ceil((pad * 4) / 3);
    const end = encoded.replace(/=+$/, '').length - 2;
    needles.push(encoded.slice(skip + 1, end));
  }
  return needles;
}

/** Every encoding in which `canary` occurs in `haystack` (empty when clean). */
export function findCanary(haystack: Buffer, canary: string): Encoding[] {
  const raw = Buffer.from(canary, 'utf8');
  const hits: Encoding[] = [];
  if (haystack.includes(raw)) hits.push('utf8');
  if (haystack.includes(Buffer.from(canary, 'utf16le'))) hits.push('utf16le');
  const latin = haystack.toString('latin1');
  if (latin.includes(raw.toString('hex'))) hits.push('hex');
  if (latin.includes(raw.toString('hex').toUpperCase())) hits.push('HEX');
  if (base64Needles(raw).some((needle) => latin.includes(needle))) hits.push('base64');
  return hits;
}

export interface CanaryHit {
  file: string;
  encodings: Encoding[];
}

/** Scans every regular file below `dirs` (recursively) for the canary. */
export function scanFiles(dirs: readonly string[], canary: string): CanaryHit[] {
  const hits: CanaryHit[] = [];
  const visit = (path: string): void => {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      return; // vanished while scanning (e.g. a -shm file closed meanwhile)
    }
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) visit(join(path, entry));
    } else if (stat.isFile()) {
      const encodings = findCanary(readFileSync(path), canary);
      if (encodings.length > 0) hits.push({ file: path, encodings });
    }
  };
  for (const dir of dirs) visit(dir);
  return hits;
}
