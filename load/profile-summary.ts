// What dominates a server CPU profile (`npm run load -- --cpu-prof` writes
// <out>/profile/*.cpuprofile): self time by function and by package/area, as shares of the
// sampled time.   npx tsx load/profile-summary.ts <file.cpuprofile> [top]
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** node_modules/<pkg> (scoped too), engine/src/<area>, node:internal, or the special V8 frames. */
export function areaOf(url: string, fn: string): string {
  if (!url) return `(${fn || 'native'})`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const engine = /engine\/src\/([^/]+(?:\/[^/]+)?)\//.exec(url);
  if (engine) return `engine/${engine[1]}`;
  if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/');
  return url.replace(/^.*\/(load|test)\//, '$1/');
}

function bundleSourceMap(url: string): SourceMap | undefined {
  if (!url.startsWith('file://') || !url.endsWith('.js')) return undefined;
  const file = `${fileURLToPath(url)}.map`;
  return existsSync(file) ? new SourceMap(JSON.parse(readFileSync(file, 'utf8'))) : undefined;
}

/**
 * The server runs compiled (dist/server.js): frames of a bundle are pointed back at their .ts
 * source through the bundle's source map, so areas and functions read as engine/src/… again.
 */
export function mapFramesToSources(profile: CpuProfile): void {
  const maps = new Map<string, SourceMap | undefined>();
  for (const { callFrame: f } of profile.nodes) {
    if (!maps.has(f.url)) maps.set(f.url, bundleSourceMap(f.url));
    const entry = maps.get(f.url)?.findEntry(f.lineNumber, f.columnNumber);
    if (!entry || !('originalSource' in entry)) continue;
    // The map's sources are relative to the map, which sits next to the bundle.
    f.url = new URL(entry.originalSource, f.url).href;
    f.lineNumber = entry.originalLine;
  }
}

export function summarizeProfile(profile: CpuProfile, top = 15) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const fns = new Map<string, number>();
  const areas = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const n = byId.get(id);
    if (!n) continue;
    const f = n.callFrame;
    const fnKey = `${f.functionName || '(anonymous)'} ${areaOf(f.url, f.functionName)}:${f.lineNumber + 1}`;
    fns.set(fnKey, (fns.get(fnKey) ?? 0) + us);
    const area = areaOf(f.url, f.functionName);
    areas.set(area, (areas.get(area) ?? 0) + us);
  }
  const share = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, pct: Math.round((us / total) * 1000) / 10 }));
  return { sampledS: Math.round(total / 1e4) / 100, functions: share(fns), areas: share(areas) };
}

if (process.argv[1]?.endsWith('profile-summary.ts')) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [top]');
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  mapFramesToSources(profile);
  const s = summarizeProfile(profile, Number(process.argv[3] ?? 15));
  process.stdout.write(`sampled ${s.sampledS} s\n\nby area (self time)\n`);
  for (const a of s.areas) process.stdout.write(`${String(a.pct).padStart(5)} %  ${a.name}\n`);
  process.stdout.write('\nby function (self time)\n');
  for (const f of s.functions) process.stdout.write(`${String(f.pct).padStart(5)} %  ${f.name}\n`);
}
