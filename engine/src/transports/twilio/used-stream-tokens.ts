// Stream tokens are single-use. A token rides through Twilio as a <Parameter> and is valid for up
// to 60 s: without this memory, one signed /twilio/voice answer could open any number of media
// sockets (sessions, provider costs, call notes with attacker-chosen audio). The first `start`
// that presents a token claims it; every later socket with it is refused, whether it comes at the
// same moment or later.
// RAM of the process that issued the tokens, never a database row (zero persistence): an entry
// lives exactly as long as its token could still be verified, and the set is bounded.

/** Tokens claimed within one token lifetime; beyond that, new streams are refused (fail closed). */
const DEFAULT_CAPACITY = 50_000;

export class UsedStreamTokens {
  /** Token id (its MAC) → when the token expires; in order of claiming. */
  private readonly used = new Map<string, number>();

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  /**
   * Claims a verified token. true: its first use. false: it was used before (a replay), or the
   * memory is full (refusing is safer than forgetting a token that may still be replayed).
   */
  claim(token: string, expiresAt: number, now: number): boolean {
    this.forgetExpired(now);
    // The MAC names the token: its signed body cannot vary, and verifyStreamToken accepts only the
    // canonical encoding of the MAC itself, so one grant has exactly one id.
    const id = token.slice(token.lastIndexOf('.') + 1);
    if (this.used.has(id) || this.used.size >= this.capacity) return false;
    this.used.set(id, expiresAt);
    return true;
  }

  get size(): number {
    return this.used.size;
  }

  /**
   * An expired token is refused by verification anyway, so it need not be remembered. Entries
   * are in claiming order and each expires at most one lifetime after its claim, so stopping at
   * the first live one leaves only tokens claimed within the last lifetime.
   */
  private forgetExpired(now: number): void {
    for (const [id, expiresAt] of this.used) {
      if (expiresAt > now) break;
      this.used.delete(id);
    }
  }
}
