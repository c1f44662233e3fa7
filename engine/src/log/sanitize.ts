// Turns what a caller of the logger passed into a line body that contains only allow-listed
// keys with allow-listed shapes. Anything else is replaced by "[rejected]" (known key, bad value)
// or dropped (unknown key); both are counted, never printed.
import { EVENT_PATTERN, FIELD_SPECS, REJECTED, fieldAccepts, isFieldName, type Outcome } from './fields.js';

export type LineBody = Record<string, string | number | boolean>;

export interface Sanitized {
  body: LineBody;
  rejected: number;
}

/** Builds the body of one line: event, outcome (defaulted by level), then the checked fields. */
export function sanitizeLine(event: unknown, fields: unknown, defaultOutcome: Outcome): Sanitized {
  let rejected = 0;
  const body: LineBody = {};
  if (typeof event === 'string' && EVENT_PATTERN.test(event)) {
    body.event = event;
  } else {
    body.event = REJECTED;
    rejected++;
  }
  body.outcome = defaultOutcome;
  const checked = sanitizeFields(fields);
  rejected += checked.rejected;
  Object.assign(body, checked.body);
  return { body, rejected };
}

/** Checks a plain record of fields. Non-objects (a string, an Error, an array) are rejected whole. */
export function sanitizeFields(fields: unknown): Sanitized {
  const body: LineBody = {};
  if (fields === undefined || fields === null) return { body, rejected: 0 };
  if (typeof fields !== 'object' || Array.isArray(fields) || !isPlainObject(fields)) {
    return { body, rejected: 1 };
  }
  let rejected = 0;
  // Own enumerable keys only: getters on prototypes or class instances are never read.
  for (const key of Object.keys(fields)) {
    // Data properties only: a getter could throw or compute text from elsewhere.
    const descriptor = Object.getOwnPropertyDescriptor(fields, key);
    if (!descriptor || !('value' in descriptor)) {
      rejected++;
      continue;
    }
    const value: unknown = descriptor.value;
    if (value === undefined) continue;
    if (!isFieldName(key)) {
      rejected++;
      continue;
    }
    if (fieldAccepts(FIELD_SPECS[key], value)) {
      body[key] = value as string | number | boolean;
    } else {
      body[key] = REJECTED;
      rejected++;
    }
  }
  return { body, rejected };
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
