// Picks the compressed copy of a static file a browser accepts (RFC 9110 §12.5.3): the build
// writes `<file>.br` and `<file>.gz` beside each text file (designer/build/precompress.ts), so
// serving compressed costs a stat, never a compression per request.
import { stat } from 'node:fs/promises';

export type Encoding = 'br' | 'gzip';
const SUFFIX: Record<Encoding, string> = { br: '.br', gzip: '.gz' };
/** Our preference among equally weighted encodings: brotli is ~10 % smaller on our bundles. */
const PREFERENCE: readonly Encoding[] = ['br', 'gzip'];

/** The weight (q) the Accept-Encoding header gives `encoding`; `*` covers the unnamed ones. */
function weightOf(header: string, encoding: Encoding): number {
  let wildcard: number | undefined;
  for (const part of header.split(',')) {
    const [rawName, ...params] = part.toLowerCase().split(';');
    const name = rawName.trim();
    const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    const weight = q === undefined ? 1 : Math.min(1, Number(q) || 0);
    if (name === encoding) return weight;
    if (name === '*') wildcard = weight;
  }
  return wildcard ?? 0;
}

/** The accepted encodings, best first (weight 0 means "not acceptable"). */
export function acceptedEncodings(header: string | undefined): Encoding[] {
  if (!header) return [];
  return PREFERENCE.map((e) => ({ e, q: weightOf(header, e) }))
    .filter(({ q }) => q > 0)
    .sort((a, b) => b.q - a.q)
    .map(({ e }) => e);
}

/**
 * The compressed sibling of `file` to send, if the browser accepts one and it was written for
 * this very file (not older than it: a stale copy from an earlier build is never sent).
 */
export async function compressedSibling(
  file: string,
  acceptEncoding: string | undefined,
): Promise<{ path: string; encoding: Encoding } | undefined> {
  const accepted = acceptedEncodings(acceptEncoding);
  if (accepted.length === 0) return undefined;
  const original = await stat(file).catch(() => undefined);
  if (!original) return undefined;
  for (const encoding of accepted) {
    const sibling = file + SUFFIX[encoding];
    const info = await stat(sibling).catch(() => undefined);
    if (info?.isFile() && info.mtimeMs >= original.mtimeMs) return { path: sibling, encoding };
  }
  return undefined;
}
