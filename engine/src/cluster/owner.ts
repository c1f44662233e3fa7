// The owner of a call: the process (and, with several instances, the instance) that answered its
// voice webhook and holds everything the call keeps in memory — the caller number until the
// stream starts, the conversation, a parked transfer, the whisper text, used stream tokens.
// Twilio calls back with URLs we hand it, so every such URL names the owner: the owner id is
// {instance's internal URL, worker index}, sealed with AES-256-GCM under a key derived from the
// master key. Twilio carries it around but can neither read nor forge it (and learns no internal
// address); any process of any instance sharing the master key can open it and route there.
// No call state travels in it: only where the call lives.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

export interface Owner {
  /** The owner instance's internal base URL (CALLFLOW_INTERNAL_URL); '' = a single instance. */
  readonly instance: string;
  /** The worker process on that instance (0 … CALLFLOW_WORKERS − 1). */
  readonly worker: number;
}

const PREFIX = 'o1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Owner ids stay short enough for a URL path segment; nothing longer is opened at all. */
const MAX_ID_CHARS = 512;

export function ownerKey(masterKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, 'callflow/hkdf/v1', 'callflow/call-owner/v1', 32));
}

/** `o1.<base64url(iv | ciphertext | tag)>`: URL-path safe. */
export function sealOwner(key: Buffer, owner: Owner): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(PREFIX));
  const body = Buffer.concat([cipher.update(JSON.stringify([owner.instance, owner.worker])), cipher.final()]);
  return `${PREFIX}.${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')}`;
}

/** The owner named by a sealed id; undefined when it is malformed, forged or sealed under another key. */
export function openOwner(key: Buffer, id: string | undefined): Owner | undefined {
  if (!id || id.length > MAX_ID_CHARS || !id.startsWith(`${PREFIX}.`)) return undefined;
  const raw = Buffer.from(id.slice(PREFIX.length + 1), 'base64url');
  if (raw.length <= IV_BYTES + TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(PREFIX));
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    const plain = Buffer.concat([
      decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
    const [instance, worker] = JSON.parse(plain) as unknown[];
    if (typeof instance !== 'string' || !Number.isInteger(worker) || (worker as number) < 0) return undefined;
    return { instance, worker: worker as number };
  } catch {
    return undefined;
  }
}

export const sameOwner = (a: Owner, b: Owner): boolean => a.instance === b.instance && a.worker === b.worker;
