import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { soloBus, type ClusterBus } from './bus';
import { createCallOwnership } from './call-ownership';
import { openOwner, ownerKey, sealOwner } from './owner';

const key = ownerKey(randomBytes(32));
const bus = (self: number, size: number): ClusterBus => ({ ...soloBus, self, size });

describe('sealed owner ids', () => {
  it('open to the owner they name, and Twilio learns nothing from them (no internal address in clear)', () => {
    const id = sealOwner(key, { instance: 'https://10.0.0.7:9443', worker: 1 });
    expect(id).toMatch(/^o1\.[A-Za-z0-9_-]+$/);
    expect(Buffer.from(id.slice(3), 'base64url').toString('latin1')).not.toContain('10.0.0.7');
    expect(openOwner(key, id)).toEqual({ instance: 'https://10.0.0.7:9443', worker: 1 });
  });

  it('refuse a forged, altered, foreign-key or oversized id', () => {
    const id = sealOwner(key, { instance: '', worker: 0 });
    const flipped = id.slice(0, -2) + (id.endsWith('A') ? 'BA' : 'AA');
    expect(openOwner(key, flipped)).toBeUndefined();
    expect(openOwner(ownerKey(randomBytes(32)), id)).toBeUndefined();
    expect(openOwner(key, 'o1.AAAA')).toBeUndefined();
    expect(openOwner(key, `o1.${'A'.repeat(600)}`)).toBeUndefined();
    expect(openOwner(key, undefined)).toBeUndefined();
  });
});

describe('where a callback is answered', () => {
  const self = createCallOwnership({ key, instance: '', bus: bus(0, 2) });
  it('here for its own id and for a URL without one (a callback configured on the number)', () => {
    expect(self.locate(self.ownerId)).toBe('here');
    expect(self.locate(undefined)).toBe('here');
  });
  it('at the sibling that owns it; refused for a worker this instance does not run', () => {
    expect(self.locate(sealOwner(key, { instance: '', worker: 1 }))).toBe('elsewhere');
    expect(self.locate(sealOwner(key, { instance: '', worker: 2 }))).toBe('invalid');
  });
  it('another instance only over a configured internal hop', () => {
    const foreign = sealOwner(key, { instance: 'https://10.0.0.8:9443', worker: 0 });
    expect(self.locate(foreign)).toBe('invalid');
    const hop = { forward: () => Promise.resolve(new Response()), relayUpgrade: () => undefined };
    const joined = createCallOwnership({ key, instance: 'https://10.0.0.7:9443', bus: bus(0, 1), hop });
    expect(joined.locate(foreign)).toBe('elsewhere');
    // An instance-less id on an instance with a hop names no reachable owner.
    expect(joined.locate(sealOwner(key, { instance: '', worker: 0 }))).toBe('invalid');
  });
});
