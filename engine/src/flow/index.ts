// The public surface of the pure flow core (browser-safe: no node:*, no I/O, no clock).
// Others add their exports here with one line each.
export { checkFlow, loadFlow, type LoadOptions } from './loader/load';
export type { CompiledFlow, LoadResult } from './compiled';
export { canonicalJson, CANONICAL_KEY_ORDERS } from './canonical';
export { contentHash, withoutNonLogic, NON_LOGIC_KEYS } from './hash';
export {
  hasErrors,
  sortDiagnostics,
  pointer,
  nodeIdOf,
  type Diagnostic,
  type LocalizedText,
  type Severity,
} from './diagnostics';
export { parseJson, lineColumn } from './loader/parse';
export { migrateFlow, UPGRADES, type MigrateResult } from './loader/migrate';
export { withSchemaDefaults } from './loader/validate';
export { edgesOf, globalEdges, reachable, type Edge } from './loader/graph';
export { spokenTexts, type SpokenText } from './format/spoken-texts';
export * from './format/schema';
export * from './interpreter/index';
export {
  CallRecord,
  CALL_RECORD_SCHEMA_ID,
  type FieldValue,
  type FieldSource,
  type CallOutcome,
  type ConsentOutcome,
  type HandoffOutcome,
  type TranscriptTurn,
} from './record/schema';
export {
  runScenario,
  formatResult,
  parseConversationTest,
  ConversationTest,
  Scenario,
  CONVERSATION_TEST_SCHEMA_ID,
  type ScenarioResult,
  type HeardLine,
  type ParsedTest,
} from './conversation/index';
export {
  beginTextCall,
  sendTurn,
  turnOfEvent,
  withoutModel,
  type TextCall,
  type TurnOptions,
} from './drive/index';
