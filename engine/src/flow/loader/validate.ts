// Step 3 of loading: check the document against the schema. The flow's frame (settings,
// triggers, escape, layout) is checked as a whole; each node against the schema of its own kind,
// so one broken step yields one precise message. The validators are precompiled (no eval).
// They fill schema defaults into the document, so call this on a copy the loader owns.
import { NODE_KINDS } from '../format/schema';
import * as generated from '../format/validate-flow.generated';
import type { GeneratedValidator } from '../format/validate-flow.generated';
import { nodeValidatorName } from '../format/validator-names';
import { error, pointer, type Diagnostic } from '../diagnostics';
import { mapSchemaErrors } from './schema-errors';

// One precompiled validator per kind in the registry, found by name (npm run gen:schema writes them).
const VALIDATORS: Readonly<Record<string, GeneratedValidator | undefined>> = generated;

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

function validateNode(id: string, node: Record<string, unknown>): Diagnostic[] {
  const path = pointer('nodes', id);
  const kind = node.kind;
  if (kind === undefined) {
    return [
      error(
        'schema.missing',
        `${path}/kind`,
        `Beim Schritt „${id}“ fehlt die Art („kind“), z. B. "say" oder "intake".`,
        `Step “${id}” has no kind (“kind”), e.g. "say" or "intake".`,
      ),
    ];
  }
  if (typeof kind !== 'string' || !(NODE_KINDS as readonly string[]).includes(kind)) {
    return [
      error(
        'schema.unknown-kind',
        `${path}/kind`,
        `Der Schritt „${id}“ hat die unbekannte Art ${JSON.stringify(kind)}. Möglich sind: ${NODE_KINDS.join(', ')}.`,
        `Step “${id}” has the unknown kind ${JSON.stringify(kind)}. Possible kinds: ${NODE_KINDS.join(', ')}.`,
      ),
    ];
  }
  const validate = VALIDATORS[nodeValidatorName(kind)];
  // A kind added to the registry without regenerating the validators: a bug, not the flow's fault.
  if (!validate) throw new Error(`no validator for step kind ${kind}: run npm run gen:schema`);
  return validate(node) ? [] : mapSchemaErrors(validate.errors ?? [], path);
}

/** All schema problems of a (migrated) flow document; empty when it is valid. */
export function validateFlowDocument(doc: Record<string, unknown>): Diagnostic[] {
  const shell = generated.validateFlowShell;
  const diagnostics = shell(doc) ? [] : mapSchemaErrors(shell.errors ?? []);
  const nodes = doc.nodes;
  if (isObject(nodes)) {
    for (const [id, node] of Object.entries(nodes)) {
      if (isObject(node)) diagnostics.push(...validateNode(id, node));
    }
  }
  return diagnostics;
}

/**
 * A copy of `doc` with the schema's defaults filled in, as a published version has them: a draft
 * compared with what is live must not differ only by `"confirm": false` written out. Invalid
 * parts are left as they are.
 */
export function withSchemaDefaults(doc: unknown): unknown {
  if (!isObject(doc)) return doc;
  const copy = structuredClone(doc);
  validateFlowDocument(copy);
  return copy;
}
