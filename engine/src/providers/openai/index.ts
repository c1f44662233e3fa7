export { OpenAIExtractor, DEFAULT_MODEL, DEFAULT_TIMEOUT_MS } from './extractor.js';
export type { OpenAIExtractorOptions } from './extractor.js';
export { OpenAIAnswerer } from './answerer.js';
export type { OpenAIAnswererOptions } from './answerer.js';
