import { describe, expect, it } from 'vitest';
import { subjectKey } from './pseudonym';

describe('pseudonymous subject key', () => {
  const tenantA = Buffer.alloc(32, 1);
  const tenantB = Buffer.alloc(32, 2);
  it('is stable per tenant and number, differs across tenants and for similar numbers', () => {
    const a = subjectKey(tenantA, '+4917123456789');
    expect(subjectKey(tenantA, '+4917123456789')).toBe(a);
    expect(subjectKey(tenantB, '+4917123456789')).not.toBe(a);
    expect(subjectKey(tenantA, '+4917123456788')).not.toBe(a);
    expect(a).not.toContain('17123456789');
  });
  it('accepts only E.164 numbers, so lookups cannot silently miss', () => {
    expect(() => subjectKey(tenantA, '0171 2345678')).toThrow(RangeError);
  });
});
