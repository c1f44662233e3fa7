export { OpenAIExtractor, DEFAULT_MODEL, DEFAULT_TIMEOUT_MS } from './extractor.js';
export type { OpenAIExtractorOptions } from './extractor.js';
export { buildExtractionSchema, describeField, SCHEMA_NAME } from './schema.js';
export { SYSTEM_PROMPT, buildMessages, MAX_CALLER_CHARS } from './prompt.js';
