// First start of the embedded default: a demo organisation "Demo-Praxis" with an owner account,
// its transfer targets, and the example flows imported as drafts with a published version 1.
// Runs only when the database has no tenant yet, so restarts never touch existing data.
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LoadResult } from '../flow/compiled';
import type { HandoffTarget, Store } from './types';

export interface BootstrapInput {
  store: Store;
  flowsDir: string;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  hashPassword: (password: string) => Promise<string>;
  load: (input: unknown, targets: readonly HandoffTarget[]) => LoadResult;
  canonicalJson: (flow: unknown) => string;
}

export interface BootstrapResult {
  tenantId: string;
  email: string;
  /** Set only when the password was generated (it must be shown once, then it is gone). */
  generatedPassword?: string;
  importedFlows: number;
  skippedFlows: number;
}

export const DEMO_TENANT = 'Demo-Praxis';
export const DEFAULT_ADMIN_EMAIL = 'admin@demo-praxis.example';

/** Placeholder lines in the range reserved for drama/fiction (Bundesnetzagentur: 030 23125 xxx). */
export const DEMO_TARGETS: HandoffTarget[] = [
  { id: 'empfang', label: 'Empfang', number: '+493023125001', allowSpecial: false },
  { id: 'sekretariat', label: 'Sekretariat', number: '+493023125002', allowSpecial: false },
  { id: 'support-team', label: 'Support-Team', number: '+493023125003', allowSpecial: false },
];

/** Example flows by their `id`, for templates and the first-start import. */
export async function readExampleFlows(dir: string): Promise<Map<string, Record<string, unknown>>> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const out = new Map<string, Record<string, unknown>>();
  for (const name of names.filter((n) => n.endsWith('.flow.json')).sort()) {
    const doc = JSON.parse(await readFile(path.join(dir, name), 'utf8')) as Record<string, unknown>;
    if (typeof doc.id === 'string') out.set(doc.id, doc);
  }
  return out;
}

export async function bootstrapIfEmpty(input: BootstrapInput): Promise<BootstrapResult | undefined> {
  const { store } = input;
  if ((await store.tenants.count()) > 0) return undefined;
  const tenant = await store.tenants.create(DEMO_TENANT);
  const email = (input.adminEmail ?? DEFAULT_ADMIN_EMAIL).toLowerCase();
  const generatedPassword = input.adminPassword ? undefined : randomBytes(15).toString('base64url');
  const user = await store.users.create(
    email,
    await input.hashPassword(input.adminPassword ?? generatedPassword ?? ''),
  );
  await store.memberships.add(tenant.id, user.id, 'owner');
  for (const target of DEMO_TARGETS) await store.handoffTargets.upsert(tenant.id, target);

  let importedFlows = 0;
  let skippedFlows = 0;
  for (const [slug, doc] of await readExampleFlows(input.flowsDir)) {
    const name = typeof doc.name === 'string' ? doc.name : slug;
    const flow = await store.flows.create(tenant.id, { slug, name, document: doc, userId: null });
    const result = input.load(doc, DEMO_TARGETS);
    if (!result.ok) {
      skippedFlows += 1; // kept as a draft so the problems show in the designer
      continue;
    }
    await store.versions.append(tenant.id, flow.id, {
      contentHash: result.compiled.contentHash,
      canonicalJson: input.canonicalJson(result.compiled.flow),
      message: 'Beispielablauf importiert / example flow imported',
      authorId: null,
    });
    await store.audit.record(tenant.id, {
      actorType: 'system',
      actorId: null,
      action: 'flow.import',
      targetType: 'flow',
      targetId: flow.id,
    });
    importedFlows += 1;
  }
  return { tenantId: tenant.id, email, generatedPassword, importedFlows, skippedFlows };
}
