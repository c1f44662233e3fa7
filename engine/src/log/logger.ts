// The only logger of the engine: pino underneath, an allow-list on top.
//
// Callers pass an event id and typed fields — never a message string, never an error object.
// There is deliberately no `msg` parameter and no way to hand pino an arbitrary object: every
// line goes through sanitizeLine(), so caller content cannot reach the output by construction.
import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import { type BoundFields, type LogFields, type Outcome } from './fields.js';
import { sanitizeFields, sanitizeLine } from './sanitize.js';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
type EmitLevel = Exclude<LogLevel, 'silent'>;

export interface Logger {
  trace(event: string, fields?: LogFields): void;
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  /** Pass the failure as `{ code: errorCode(err) }`, never the error itself. */
  error(event: string, fields?: LogFields): void;
  fatal(event: string, fields?: LogFields): void;
  /** A logger whose lines all carry these ids (checked once, here). */
  child(bound: BoundFields): Logger;
  isLevelEnabled(level: LogLevel): boolean;
  readonly level: LogLevel;
  /** How many fields were rejected or dropped since the root logger was created. */
  rejectedCount(): number;
  /** Writes out anything buffered (the default destination is synchronous; this is for custom ones). */
  flush(): void;
}

export interface LoggerOptions {
  /** Defaults to env LOG_LEVEL, else `info`. An unknown level falls back to `info`. */
  level?: LogLevel | string;
  /** Where JSON lines go (one `write` per line). Defaults to stdout, written synchronously. */
  destination?: DestinationStream;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const level = resolveLevel(opts.level ?? process.env.LOG_LEVEL);
  const destination = opts.destination ?? pino.destination({ dest: 1, sync: true });
  const base = pino(
    {
      level,
      base: null, // no pid or hostname: only allow-listed keys
      timestamp: pino.stdTimeFunctions.epochTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
  const counter = { rejected: 0 };
  return wrap(base, [], counter);
}

export function resolveLevel(value: string | undefined): LogLevel {
  const normalized = value?.trim().toLowerCase();
  return (LOG_LEVELS as readonly string[]).includes(normalized ?? '') ? (normalized as LogLevel) : 'info';
}

function defaultOutcome(level: EmitLevel): Outcome {
  return level === 'error' || level === 'fatal' ? 'error' : 'ok';
}

/**
 * Bound ids go into a pino child: pino serializes its bindings once, so a call's lines cost
 * no more than the root's. `boundKeys` lets a line not repeat a bound key (no duplicate JSON keys).
 */
function wrap(pinoLogger: PinoLogger, boundKeys: readonly string[], counter: { rejected: number }): Logger {
  const emit = (level: EmitLevel) => (event: string, fields?: LogFields) => {
    if (!pinoLogger.isLevelEnabled(level)) return;
    const { body, rejected } = sanitizeLine(event, fields, defaultOutcome(level));
    counter.rejected += rejected;
    for (const key of boundKeys) delete body[key];
    if (rejected > 0) body.rejected = rejected;
    pinoLogger[level](body);
  };
  return {
    trace: emit('trace'),
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    fatal: emit('fatal'),
    child(ids: BoundFields): Logger {
      const { body, rejected } = sanitizeFields(ids);
      counter.rejected += rejected;
      for (const key of boundKeys) delete body[key]; // the outer binding stays authoritative
      const keys = Object.keys(body);
      if (keys.length === 0) return wrap(pinoLogger, boundKeys, counter);
      return wrap(pinoLogger.child(body), [...boundKeys, ...keys], counter);
    },
    isLevelEnabled: (l) => pinoLogger.isLevelEnabled(l),
    get level() {
      return pinoLogger.level as LogLevel;
    },
    rejectedCount: () => counter.rejected,
    flush: () => pinoLogger.flush(),
  };
}
