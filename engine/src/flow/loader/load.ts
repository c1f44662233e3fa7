// The loader: text or parsed JSON → parse → migrate → validate → semantic checks → compile.
// It never throws: every problem, at every step, comes back as a diagnostic.
import type { CompiledFlow, LoadResult } from '../compiled';
import { error, hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics';
import type { Flow } from '../format/schema';
import { contentHash } from '../hash';
import { migrateFlow } from './migrate';
import { parseJson } from './parse';
import { lintContext, type LintOptions } from './rules/context';
import { runRules } from './rules/index';
import { validateFlowDocument } from './validate';

export type LoadOptions = LintOptions;

const fail = (diagnostics: Diagnostic[]): LoadResult => ({
  ok: false,
  diagnostics: sortDiagnostics(diagnostics),
});

/** A private deep copy as plain JSON data (the validators fill defaults into it). */
function toJsonData(input: unknown): { ok: true; value: unknown } | { ok: false; diagnostic: Diagnostic } {
  try {
    const text = JSON.stringify(input);
    return { ok: true, value: text === undefined ? undefined : JSON.parse(text) };
  } catch {
    return {
      ok: false,
      diagnostic: error(
        'format.not-json-data',
        '',
        'Der Anrufablauf lässt sich nicht als JSON darstellen (z. B. wegen eines Kreisbezugs).',
        'The call flow cannot be represented as JSON (for example because it refers to itself).',
      ),
    };
  }
}

function notAnObject(): Diagnostic {
  return error(
    'format.not-an-object',
    '',
    'Ein Anrufablauf muss ein JSON-Objekt { … } sein.',
    'A call flow must be a JSON object { … }.',
  );
}

function compile(doc: Flow, hash: string, warnings: Diagnostic[]): CompiledFlow {
  return { flow: doc, contentHash: hash, nodes: doc.nodes, warnings };
}

type Analysis = { flow?: Flow; diagnostics: Diagnostic[] };

/** parse → migrate → validate → lint: every diagnostic, and the flow when it has no error. */
function analyse(input: unknown, options: LoadOptions): Analysis {
  const data = typeof input === 'string' ? parseJson(input) : toJsonData(input);
  if (!data.ok) return { diagnostics: [data.diagnostic] };
  const value = data.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { diagnostics: [notAnObject()] };
  const migrated = migrateFlow(value as Record<string, unknown>);
  if (!migrated.ok) return { diagnostics: migrated.diagnostics };
  const schemaProblems = validateFlowDocument(migrated.doc);
  if (hasErrors(schemaProblems)) return { diagnostics: schemaProblems };
  // The validators accepted it, and Flow is the static type of the schema they were generated from.
  const flow = migrated.doc as Flow;
  const diagnostics = [...schemaProblems, ...runRules(lintContext(flow, options))];
  return hasErrors(diagnostics) ? { diagnostics } : { flow, diagnostics };
}

function load(input: unknown, options: LoadOptions): LoadResult {
  const { flow, diagnostics } = analyse(input, options);
  if (!flow) return fail(diagnostics);
  const sorted = sortDiagnostics(diagnostics);
  // The hash covers the flow as it runs: migrated, defaults filled in. So writing a default out
  // does not change it, contentHash(compiled.flow) equals it, and a stored canonical copy of
  // compiled.flow loads to the same hash. (Hashing only valid flows also keeps it cheap and safe.)
  return { ok: true, compiled: compile(flow, contentHash(flow), sorted), diagnostics: sorted };
}

const internalError = (): Diagnostic =>
  error(
    'format.internal-error',
    '',
    'Der Anrufablauf konnte wegen eines internen Fehlers nicht geprüft werden. Bitte melden Sie das.',
    'The call flow could not be checked because of an internal error. Please report this.',
  );

/**
 * Only the diagnostics of a flow — the same as `loadFlow(…).diagnostics` — without compiling it.
 * For live checking while editing, where the content hash (a third of the time on big flows)
 * is not needed. Never throws.
 */
export function checkFlow(input: unknown, options: LoadOptions = {}): Diagnostic[] {
  try {
    return sortDiagnostics(analyse(input, options).diagnostics);
  } catch {
    return [internalError()];
  }
}

/**
 * Loads a flow: a JSON string, or an already parsed value. Returns the compiled flow when there
 * is no error (warnings may remain), else every diagnostic found. Never throws.
 */
export function loadFlow(input: unknown, options: LoadOptions = {}): LoadResult {
  try {
    return load(input, options);
  } catch {
    return fail([internalError()]);
  }
}
