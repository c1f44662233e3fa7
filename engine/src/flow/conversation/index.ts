// Conversation tests: format, loader and the pure runner.
export { ConversationTest, Scenario, Turn, ScenarioExpect, CONVERSATION_TEST_SCHEMA_ID } from './schema';
export { parseConversationTest, type ParsedTest } from './load';
export { runScenario, formatResult, type ScenarioResult, type HeardLine } from './runner';
export { matches } from './match';
