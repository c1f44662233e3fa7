// Step 2 of loading: bring a document of any known schemaVersion up to the current one.
// Loading always migrates, then validates (architecture.md, convention 6). Version 1 is the first
// version, so there is no upgrade yet; the mechanism is here so that v2 only adds one entry.
import { CURRENT_SCHEMA_VERSION } from '../format/schema';
import { error, type Diagnostic } from '../diagnostics';

type Doc = Record<string, unknown>;

/**
 * UPGRADES[n] turns a version-n document into a version-(n+1) document. Pure, and must not
 * mutate its input. Version 1 → itself needs no entry.
 */
export const UPGRADES: Readonly<Record<number, (doc: Doc) => Doc>> = {};

export const FIRST_SCHEMA_VERSION = 1;

export type MigrateResult =
  { ok: true; doc: Doc; fromVersion: number; toVersion: number } | { ok: false; diagnostics: Diagnostic[] };

function versionProblem(version: unknown, current: number): Diagnostic | undefined {
  if (version === undefined) {
    return error(
      'format.missing-version',
      '/schemaVersion',
      'Die Angabe „schemaVersion“ fehlt. Ein Anrufablauf braucht sie, z. B. "schemaVersion": 1.',
      'The "schemaVersion" is missing. A call flow needs it, e.g. "schemaVersion": 1.',
    );
  }
  if (typeof version === 'number' && Number.isInteger(version) && version > current) {
    return error(
      'format.future-version',
      '/schemaVersion',
      `Dieser Anrufablauf hat das Format ${version} und wurde mit einer neueren Callflow-Version erstellt. Diese Version kennt Formate bis ${current}. Bitte aktualisieren Sie Callflow.`,
      `This call flow uses format ${version} and was made with a newer Callflow. This version knows formats up to ${current}. Please update Callflow.`,
    );
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < FIRST_SCHEMA_VERSION) {
    return error(
      'format.unknown-version',
      '/schemaVersion',
      `Unbekannte Formatversion ${JSON.stringify(version)}. Erlaubt sind ganze Zahlen von 1 bis ${current}.`,
      `Unknown format version ${JSON.stringify(version)}. Allowed are whole numbers from 1 to ${current}.`,
    );
  }
  return undefined;
}

export interface MigrationRegistry {
  upgrades: Readonly<Record<number, (doc: Doc) => Doc>>;
  current: number;
}

/**
 * Upgrades a parsed flow document to the current schema version (returns a new object when it
 * changed anything). `registry` is for tests of the mechanism; callers use the default.
 */
export function migrateFlow(
  doc: Doc,
  registry: MigrationRegistry = { upgrades: UPGRADES, current: CURRENT_SCHEMA_VERSION },
): MigrateResult {
  const { upgrades, current: currentVersion } = registry;
  const version = doc.schemaVersion;
  const problem = versionProblem(version, currentVersion);
  if (problem) return { ok: false, diagnostics: [problem] };
  const fromVersion = version as number;
  let current = doc;
  for (let v = fromVersion; v < currentVersion; v++) {
    const upgrade = upgrades[v];
    if (!upgrade) {
      return {
        ok: false,
        diagnostics: [
          error(
            'format.unknown-version',
            '/schemaVersion',
            `Für Format ${v} gibt es keine Umwandlung in Format ${v + 1}.`,
            `There is no conversion from format ${v} to format ${v + 1}.`,
          ),
        ],
      };
    }
    current = { ...upgrade(current), schemaVersion: v + 1 };
  }
  return { ok: true, doc: current, fromVersion, toVersion: currentVersion };
}
