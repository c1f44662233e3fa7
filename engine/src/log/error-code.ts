// Turns any thrown value into a stable, loggable code — never its message or stack.
//
// Why: error messages carry input. `JSON.parse` quotes the text it choked on, SDK errors echo
// request bodies, a validation error may contain what the caller said. A code is what an
// operator needs to find the cause; the message is what leaks the caller.
import { CODE_PATTERN } from './fields.js';

const CLASS_NAME = /^[A-Z][A-Za-z0-9_]{0,47}$/;

/**
 * `err.code` when it is a string of code shape (`ECONNRESET`, `rate_limited`), else the error's
 * class name (`TypeError`, `ProviderError`), else `Error`; `NonError` for thrown non-errors.
 */
export function errorCode(err: unknown): string {
  if (err === null || typeof err !== 'object') return 'NonError';
  const code = readOwnOrInherited(err, 'code');
  if (typeof code === 'string' && CODE_PATTERN.test(code)) return code;
  if (!(err instanceof Error)) return 'NonError';
  const name = className(err);
  return name && CLASS_NAME.test(name) ? name : 'Error';
}

function className(err: Error): string | undefined {
  try {
    // The constructor name is set by code, unlike `err.name`, which any library may overwrite.
    const ctor = Object.getPrototypeOf(err)?.constructor;
    return typeof ctor?.name === 'string' ? ctor.name : undefined;
  } catch {
    return undefined;
  }
}

function readOwnOrInherited(obj: object, key: string): unknown {
  try {
    return (obj as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}
