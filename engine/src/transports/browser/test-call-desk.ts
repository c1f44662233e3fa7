// The designer's voice test calls on this instance: single-use, short-lived tickets (issued over
// the authenticated API, presented as a socket's first message) and the calls running per
// organisation, bounded (default 2 at once, 10 minutes each). RAM only: a ticket is a random
// secret that opens one socket, nothing of it is written anywhere. With several worker processes
// each has its own desk: the ticket's socket is passed to the issuing process (ticket-owner.ts),
// and the limit counts the organisation's calls in the siblings too (`joinSiblings`).
import { randomBytes } from 'node:crypto';

/** What a ticket was issued for: one test call of one flow, by one organisation. */
export interface TestCallGrant {
  readonly tenantId: string;
  readonly flowId: string;
  /** 'draft' or a published version. */
  readonly version: number | 'draft';
  /** Deliver the finished note like a real call's (marked as a test); default: nothing is delivered. */
  readonly deliver: boolean;
}

export interface TestCallLimits {
  /** Browser test calls running at once per organisation. Default 2. */
  readonly perOrganisation: number;
  /** A test call ends after this long. Default 10 minutes. */
  readonly maxCallMs: number;
}

export const DEFAULT_TEST_CALL_LIMITS: TestCallLimits = { perOrganisation: 2, maxCallMs: 10 * 60_000 };
/** Long enough for a page to open its socket, short enough that a leaked ticket is worth nothing. */
export const TICKET_TTL_MS = 30_000;
/** Tickets outstanding at once (all organisations); full → no new tickets until some expire. */
const MAX_TICKETS = 1000;

/** What a desk learns from its sibling processes' desks (ticket-owner.ts). */
export interface SiblingDesks {
  /** This process's sealed name, for the socket path a ticket's page opens. */
  readonly issuer: string;
  /** The organisation's test calls running in the siblings that answered. */
  runningElsewhere(tenantId: string): Promise<number>;
}

export class TestCallDesk {
  private readonly tickets = new Map<string, { grant: TestCallGrant; expiresAt: number }>();
  private readonly running = new Map<string, number>();
  private siblings: SiblingDesks | undefined;

  constructor(readonly limits: TestCallLimits = DEFAULT_TEST_CALL_LIMITS) {}

  /** Several worker processes: the limit counts their calls too; tickets name this process. */
  joinSiblings(siblings: SiblingDesks): void {
    this.siblings = siblings;
  }

  /** The sealed name of the issuing process for the socket path (none with one process). */
  get issuer(): string | undefined {
    return this.siblings?.issuer;
  }

  /** A new ticket, or undefined while the desk holds too many unused ones. */
  issue(grant: TestCallGrant, now: number): { ticket: string; expiresAt: number } | undefined {
    for (const [t, entry] of this.tickets) if (entry.expiresAt <= now) this.tickets.delete(t);
    if (this.tickets.size >= MAX_TICKETS) return undefined;
    const ticket = randomBytes(32).toString('base64url');
    const expiresAt = now + TICKET_TTL_MS;
    this.tickets.set(ticket, { grant, expiresAt });
    return { ticket, expiresAt };
  }

  /** The ticket's grant, once: a used, unknown or expired ticket gives undefined. */
  take(ticket: string, now: number): TestCallGrant | undefined {
    const entry = this.tickets.get(ticket);
    this.tickets.delete(ticket);
    return entry && entry.expiresAt > now ? entry.grant : undefined;
  }

  /** Is there room for one more call of this organisation? (Asked before a ticket is issued.) */
  hasRoom(tenantId: string): boolean {
    return (this.running.get(tenantId) ?? 0) < this.limits.perOrganisation;
  }

  /** Takes a place for a starting call; the returned function gives it back (once). */
  admit(tenantId: string): (() => void) | undefined {
    if (!this.hasRoom(tenantId)) return undefined;
    this.running.set(tenantId, (this.running.get(tenantId) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.running.get(tenantId) ?? 1) - 1;
      if (left > 0) this.running.set(tenantId, left);
      else this.running.delete(tenantId);
    };
  }

  /** hasRoom over every worker process (the ticket request's check). */
  async hasRoomAnywhere(tenantId: string): Promise<boolean> {
    const elsewhere = (await this.siblings?.runningElsewhere(tenantId)) ?? 0;
    return this.runningFor(tenantId) + elsewhere < this.limits.perOrganisation;
  }

  /**
   * admit over every worker process. The place is taken here first and the siblings are counted
   * after: of two calls starting at once in two processes, at least one sees the other (its
   * sibling answered after both places were taken), so the limit is never exceeded — at worst
   * both are refused and the page may try again.
   */
  async admitAnywhere(tenantId: string): Promise<(() => void) | undefined> {
    const release = this.admit(tenantId);
    if (!release || !this.siblings) return release;
    const elsewhere = await this.siblings.runningElsewhere(tenantId);
    if (this.runningFor(tenantId) + elsewhere <= this.limits.perOrganisation) return release;
    release();
    return undefined;
  }

  /** Calls running now for this organisation. */
  runningFor(tenantId: string): number {
    return this.running.get(tenantId) ?? 0;
  }
}
