// Voice test calls over two worker processes (an in-memory bus pair): the per-organisation limit
// counts both processes' calls, also when two start at once; the socket path names the issuer,
// sealed; a socket that lands on the other process is handed to the issuer, and nothing else is.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { busGroup } from '../../../../test/harness/bus-group';
import type { ClusterBus } from '../../cluster/bus';
import { openOwner, sealOwner } from '../../cluster/owner';
import { TestCallDesk } from './test-call-desk';
import { connectTestCallDesks, ISSUER_PARAM, testCallSocketPath } from './ticket-owner';
import { createCallOwnership } from '../../cluster/call-ownership';

const key = randomBytes(32);
const LIMIT = { perOrganisation: 2, maxCallMs: 60_000 };

function twoWorkers() {
  const pair = busGroup(2);
  const handedOff: { to: number; head: string }[] = [];
  const buses: ClusterBus[] = pair.buses.map((bus) => ({
    ...bus,
    handOff: (to, socket, head) => {
      handedOff.push({ to, head: Buffer.from(head).toString('latin1') });
      socket.destroy();
    },
  }));
  const desks = buses.map(() => new TestCallDesk(LIMIT));
  const takes = buses.map((bus, i) =>
    connectTestCallDesks({ desk: desks[i], bus, ownership: createCallOwnership({ key, instance: '', bus }) }),
  );
  return { desks, takes, handedOff, silence: pair.silence };
}

function upgrade(url: string): IncomingMessage {
  return {
    method: 'GET',
    url,
    httpVersion: '1.1',
    rawHeaders: ['Host', '127.0.0.1', 'Upgrade', 'websocket', 'Cookie', 'callflow_session=s'],
  } as unknown as IncomingMessage;
}

describe('the per-organisation limit over two processes', () => {
  it("counts the other process's calls, per organisation", async () => {
    const { desks } = twoWorkers();
    expect(await desks[0].admitAnywhere('org_a')).toBeDefined();
    expect(await desks[1].hasRoomAnywhere('org_a')).toBe(true);
    const second = await desks[1].admitAnywhere('org_a');
    expect(second).toBeDefined();
    expect(await desks[0].hasRoomAnywhere('org_a')).toBe(false);
    expect(await desks[0].admitAnywhere('org_a')).toBeUndefined();
    expect(await desks[0].hasRoomAnywhere('org_b')).toBe(true);
    second!();
    expect(await desks[0].hasRoomAnywhere('org_a')).toBe(true);
  });

  it('calls starting at once in both processes never exceed the limit', async () => {
    const { desks } = twoWorkers();
    await desks[0].admitAnywhere('org_a');
    const started = await Promise.all([
      desks[0].admitAnywhere('org_a'),
      desks[1].admitAnywhere('org_a'),
      desks[1].admitAnywhere('org_a'),
    ]);
    expect(started.filter(Boolean).length).toBeLessThanOrEqual(1);
    expect(desks[0].runningFor('org_a') + desks[1].runningFor('org_a')).toBeLessThanOrEqual(2);
  });

  it('a sibling that does not answer counts nothing (its calls ended with it)', async () => {
    const { desks, silence } = twoWorkers();
    await desks[0].admitAnywhere('org_a');
    silence(0);
    expect(await desks[1].hasRoomAnywhere('org_a')).toBe(true);
  }, 10_000);
});

describe('the socket goes to the process that issued the ticket', () => {
  it('the socket path names the issuer, sealed; one process keeps the plain path', () => {
    const { desks } = twoWorkers();
    const path = testCallSocketPath(desks[1].issuer);
    const issuer = new URL(path, 'http://x').searchParams.get(ISSUER_PARAM);
    expect(openOwner(key, issuer ?? undefined)).toEqual({ instance: '', worker: 1 });
    expect(path).not.toContain('worker');
    expect(testCallSocketPath(new TestCallDesk().issuer)).toBe('/api/voice-test/socket');
  });

  it('hands a socket for the other process over, with the request as sent; keeps its own', () => {
    const { desks, takes, handedOff } = twoWorkers();
    const toWorker1 = testCallSocketPath(desks[1].issuer);
    expect(takes[0](upgrade(toWorker1), new Socket(), Buffer.alloc(0))).toBe(true);
    expect(handedOff).toHaveLength(1);
    expect(handedOff[0].to).toBe(1);
    expect(handedOff[0].head).toMatch(/^GET \/api\/voice-test\/socket\?desk=o1\.\S+ HTTP\/1\.1\r\n/);
    expect(handedOff[0].head).toContain('Cookie: callflow_session=s\r\n');
    expect(takes[1](upgrade(toWorker1), new Socket(), Buffer.alloc(0))).toBe(false);
    expect(handedOff).toHaveLength(1);
  });

  it('a forged, foreign or missing issuer, or another path, is left to the route', () => {
    const { takes, handedOff } = twoWorkers();
    const foreignKey = sealOwner(randomBytes(32), { instance: '', worker: 1 });
    const otherInstance = sealOwner(key, { instance: 'https://b.internal', worker: 1 });
    const notRunning = sealOwner(key, { instance: '', worker: 5 });
    for (const url of [
      '/api/voice-test/socket',
      `/api/voice-test/socket?desk=1`,
      `/api/voice-test/socket?desk=${foreignKey}`,
      `/api/voice-test/socket?desk=${otherInstance}`,
      `/api/voice-test/socket?desk=${notRunning}`,
      `/twilio/media/${sealOwner(key, { instance: '', worker: 1 })}`,
    ])
      expect(takes[0](upgrade(url), new Socket(), Buffer.alloc(0)), url).toBe(false);
    expect(handedOff).toEqual([]);
  });
});
