// Public surface of the allow-listed logger. See README.md for the rules.
export { createLogger, resolveLevel, LOG_LEVELS } from './logger.js';
export type { Logger, LoggerOptions, LogLevel } from './logger.js';
export type { LogFields, BoundFields, Outcome, HttpMethod } from './fields.js';
export { OUTCOMES, FIELD_SPECS, REJECTED, httpMethod } from './fields.js';
export { errorCode } from './error-code.js';
export { createProcessHandlers, installProcessHandlers } from './process-handlers.js';
export type { ProcessHandlers, ProcessHandlerOptions } from './process-handlers.js';
export { buildLogLineSchema, LOG_LINE_SCHEMA_ID } from './schema.js';
