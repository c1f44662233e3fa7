// Random fault rates for the vendor fakes, reproducible from a seed. Each fake rolls one die
// per unit of work (a gRPC stream, an HTTP request) and injects the fault the roll lands on.
// The sequence of rolls is fixed by the seed; which call gets which roll still depends on
// arrival order under concurrency, so a run is reproducible in its fault counts, not per call.

/** Fault name → probability per unit of work (0–1); the sum must not exceed 1. */
export type FaultRates<K extends string> = Readonly<Partial<Record<K, number>>>;

/** mulberry32: tiny, fast, good enough to spread faults; never for anything secret. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FaultDie<K extends string> {
  /** One roll: the fault to inject for this unit of work, or undefined for none. */
  roll(): K | undefined;
  /** How often each fault was injected so far. */
  readonly counts: Readonly<Partial<Record<K, number>>>;
}

/** A die over `rates`, in the key order given by `kinds` (so rolls map to faults stably). */
export function faultDie<K extends string>(
  kinds: readonly K[],
  rates: FaultRates<K> = {} as FaultRates<K>,
  seed = 1,
): FaultDie<K> {
  let total = 0;
  for (const k of kinds) {
    const r = rates[k] ?? 0;
    if (!(r >= 0 && r <= 1)) throw new RangeError(`fault rate ${k} must be within 0..1`);
    total += r;
  }
  if (total > 1 + 1e-9) throw new RangeError('fault rates add up to more than 1');
  const random = seededRandom(seed);
  const counts: Partial<Record<K, number>> = {};
  return {
    counts,
    roll() {
      if (total === 0) return undefined;
      const x = random();
      let edge = 0;
      for (const k of kinds) {
        edge += rates[k] ?? 0;
        if (x < edge) {
          counts[k] = (counts[k] ?? 0) + 1;
          return k;
        }
      }
      return undefined;
    },
  };
}
