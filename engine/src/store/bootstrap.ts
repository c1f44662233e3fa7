// First start: the operator account (it administers organisations and phone numbers) and, unless
// CALLFLOW_DEMO=0, a demo organisation "Demo-Praxis" owned by the operator, with its transfer
// targets, a demo number, and the example flows imported as drafts with a published version 1.
// Runs only on an empty database (no organisation, no account), so restarts never touch data.
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
  /** false: only the operator account (CALLFLOW_DEMO=0). */
  demo?: boolean;
}

export interface BootstrapResult {
  /** The demo organisation; null when the demo was skipped. */
  tenantId: string | null;
  email: string;
  /** Set only when the password was generated (it must be shown once, then it is gone). */
  generatedPassword?: string;
  importedFlows: number;
  skippedFlows: number;
}

export const DEMO_TENANT = 'Demo-Praxis';
export const DEFAULT_ADMIN_EMAIL = 'admin@demo-praxis.example';
/** The demo's phone number, from the range reserved for drama/fiction like the targets below. */
export const DEMO_NUMBER = '+493023125000';

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
  if ((await store.tenants.count()) > 0 || (await store.users.count()) > 0) return undefined;
  const email = (input.adminEmail ?? DEFAULT_ADMIN_EMAIL).toLowerCase();
  const generatedPassword = input.adminPassword ? undefined : randomBytes(15).toString('base64url');
  const user = await store.users.create(
    email,
    await input.hashPassword(input.adminPassword ?? generatedPassword ?? ''),
    { isOperator: true },
  );
  if (input.demo === false)
    return { tenantId: null, email, generatedPassword, importedFlows: 0, skippedFlows: 0 };
  const tenant = await store.tenants.create(DEMO_TENANT);
  await store.memberships.add(tenant.id, user.id, 'owner');
  for (const target of DEMO_TARGETS) await store.handoffTargets.upsert(tenant.id, target);
  await store.numbers.assign(DEMO_NUMBER, tenant.id);
  for (const [action, targetType, targetId] of [
    ['organisation.create', 'organisation', tenant.id],
    ['number.assign', 'number', DEMO_NUMBER],
  ] as const)
    await store.operatorAudit.record({
      actorType: 'system',
      actorId: null,
      action,
      targetType,
      targetId,
      tenantId: tenant.id,
    });

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
