import { describe, expect, it } from 'vitest';
import { TestCallDesk, TICKET_TTL_MS } from './test-call-desk';

const grant = { tenantId: 'org_a', flowId: 'flow_1', version: 'draft' as const, deliver: false };

describe('TestCallDesk', () => {
  it('a ticket opens one call: taken once, never again', () => {
    const desk = new TestCallDesk();
    const { ticket } = desk.issue(grant, 0)!;
    expect(desk.take(ticket, 1)).toEqual(grant);
    expect(desk.take(ticket, 2)).toBeUndefined();
  });

  it('an expired or unknown ticket opens nothing', () => {
    const desk = new TestCallDesk();
    const { ticket, expiresAt } = desk.issue(grant, 0)!;
    expect(expiresAt).toBe(TICKET_TTL_MS);
    expect(desk.take(ticket, TICKET_TTL_MS)).toBeUndefined();
    expect(desk.take('made-up', 0)).toBeUndefined();
  });

  it('tickets are random and long', () => {
    const desk = new TestCallDesk();
    const a = desk.issue(grant, 0)!.ticket;
    const b = desk.issue(grant, 0)!.ticket;
    expect(a).not.toBe(b);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
  });

  it('admits the configured number of calls per organisation; a release makes room once', () => {
    const desk = new TestCallDesk({ perOrganisation: 2, maxCallMs: 1000 });
    const first = desk.admit('org_a')!;
    desk.admit('org_a');
    expect(desk.admit('org_a')).toBeUndefined();
    expect(desk.hasRoom('org_a')).toBe(false);
    expect(desk.admit('org_b')).toBeDefined();
    first();
    first();
    expect(desk.runningFor('org_a')).toBe(1);
    expect(desk.hasRoom('org_a')).toBe(true);
  });
});
