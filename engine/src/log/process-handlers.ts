// Process-level safety net: an uncaught exception or unhandled rejection is logged by code only.
//
// Node's default handler prints the error's message and stack to stderr — which may contain
// caller content (a JSON.parse error quotes its input). With these handlers installed nothing
// but an allow-listed line is written, then the process exits like Node's default would.
import { errorCode } from './error-code.js';
import type { Logger } from './logger.js';

export interface ProcessHandlerOptions {
  /** Called after the line is written; defaults to `process.exit`. Tests pass a spy. */
  exit?: (code: number) => void;
  /** The process to attach to; defaults to the global `process`. */
  target?: Pick<NodeJS.Process, 'on' | 'off'>;
}

export interface ProcessHandlers {
  onUncaughtException(err: unknown): void;
  onUnhandledRejection(reason: unknown): void;
}

/** The handlers themselves, without attaching them (for tests and custom wiring). */
export function createProcessHandlers(logger: Logger, opts: ProcessHandlerOptions = {}): ProcessHandlers {
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  const fail = (event: string, err: unknown) => {
    try {
      logger.fatal(event, { outcome: 'error', code: errorCode(err) });
      logger.flush();
    } finally {
      exit(1);
    }
  };
  return {
    onUncaughtException: (err) => fail('process.uncaught_exception', err),
    onUnhandledRejection: (reason) => fail('process.unhandled_rejection', reason),
  };
}

/** Attaches the handlers (main.ts calls this once); returns a function that detaches them. */
export function installProcessHandlers(logger: Logger, opts: ProcessHandlerOptions = {}): () => void {
  const target = opts.target ?? process;
  const handlers = createProcessHandlers(logger, opts);
  const onException = (err: unknown) => handlers.onUncaughtException(err);
  const onRejection = (reason: unknown) => handlers.onUnhandledRejection(reason);
  target.on('uncaughtException', onException);
  target.on('unhandledRejection', onRejection);
  return () => {
    target.off('uncaughtException', onException);
    target.off('unhandledRejection', onRejection);
  };
}
