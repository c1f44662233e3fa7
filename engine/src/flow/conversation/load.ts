// Reading a conversation-test document that is already parsed: checked against the schema with
// TypeBox's interpreter (no code generation, browser-safe). Problems come back as lines.
import { Value } from '@sinclair/typebox/value';
import { ConversationTest } from './schema';

export type ParsedTest = { ok: true; test: ConversationTest } | { ok: false; problems: string[] };

export function parseConversationTest(data: unknown): ParsedTest {
  const problems = [...Value.Errors(ConversationTest, data)]
    // Formats are documentation for editors here; dates are checked when a scenario runs.
    .filter((e) => e.schema.format === undefined)
    .slice(0, 20)
    .map((e) => `${e.path || '/'}: ${e.message}`);
  return problems.length ? { ok: false, problems } : { ok: true, test: data as ConversationTest };
}
