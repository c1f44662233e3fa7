// What the answer path works with. A fact is a spoken sentence about one topic, written by the
// tenant (`flow.facts`) or derived from the settings (hours-facts.ts); answers cite facts by id.

/** A fact as the answer path and the model see it: no keywords, just what may be said. */
export interface KnownFact {
  /** Tenant facts: their id; derived facts: `hours.*` (a dot never occurs in a tenant id). */
  id: string;
  topic: string;
  /** The spoken answer. */
  answer: string;
}

/** The deterministic answer to a question, or why there is none. */
export type DeterministicAnswer =
  /** A fact (or the hours) answers it: say `text`, which cites `factIds`. */
  | { kind: 'answered'; factIds: string[]; text: string }
  /** A question no fact matched with certainty: the model may try (when allowed), else the fallback. */
  | { kind: 'unmatched' };
