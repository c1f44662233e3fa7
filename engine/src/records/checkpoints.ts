// Signed checkpoints of the deletion-receipt chains (design: ../privacy/checkpoints.ts): made by
// each purge pass for every chain that moved, on demand, and once as the final checkpoint that
// closes a deleted organisation's chain; verified against the checkpoints a tenant holds.
//
// A checkpoint is signed only over a chain that verifies from the previous checkpoint on — the
// server never vouches for a chain that was tampered with. That check reads only the receipts
// appended since the previous checkpoint, so a purge pass costs what it appended.
import { errorCode, type Logger } from '../log/index';
import { chainVerdict, type ChainVerdict, type VerdictProblem } from '../privacy/chain-verdict';
import {
  signCheckpoint,
  type Checkpoint,
  type PublicKeyEntry,
  type SigningKey,
} from '../privacy/checkpoints';
import {
  genesisHash,
  verifyChain,
  type ChainAnchor,
  type ChainHead,
  type Receipt,
} from '../privacy/receipts';
import type { Store } from '../store/types';

const PAGE = 10_000;

type ChainStore = Pick<Store, 'receipts' | 'checkpoints'>;

/** The server would not sign this chain: it does not extend its own latest checkpoint intact. */
export class ChainRefusedError extends Error {
  constructor(readonly problems: VerdictProblem[]) {
    super('receipts.chain-refused');
    this.name = 'ChainRefusedError';
  }
}

/** Receipts of a tenant after `afterSeq` up to `untilSeq`, in chain order (paged). */
async function receiptsBetween(store: ChainStore, tenantId: string, afterSeq: number, untilSeq = Infinity) {
  const out: Receipt[] = [];
  for (let from = afterSeq; ;) {
    const page = await store.receipts.list(tenantId, { afterSeq: from, limit: PAGE });
    out.push(...page.filter((r) => r.seq <= untilSeq));
    if (page.length < PAGE || page[page.length - 1].seq >= untilSeq) return out;
    from = page[page.length - 1].seq;
  }
}

/**
 * The whole chain and its head as one moment: a receipt appended while reading (the head moved)
 * is read again rather than reported as a cut. A head that disagrees twice is what is stored.
 */
export async function readChain(
  store: ChainStore,
  tenantId: string,
): Promise<{ receipts: Receipt[]; head: ChainHead | undefined }> {
  let head = await store.receipts.head(tenantId);
  for (let attempt = 0; ; attempt++) {
    const receipts = await receiptsBetween(store, tenantId, 0);
    const lastSeq = receipts.at(-1)?.seq ?? 0;
    if (lastSeq === (head?.seq ?? 0) || attempt === 2) return { receipts, head };
    const again = await store.receipts.head(tenantId);
    if (again?.seq === head?.seq && again?.hash === head?.hash) return { receipts, head };
    head = again;
  }
}

export interface ReceiptCheckpoints {
  /** Every public key that signed checkpoints here (the current one included), by key id. */
  publicKeys(): Promise<(PublicKeyEntry & { createdAt: number })[]>;
  /** The tenant's checkpoint of its chain as it is now (made now if the chain moved). */
  current(tenantId: string): Promise<Checkpoint>;
  /** Closes the chain of an organisation being deleted: its final checkpoint. */
  close(tenantId: string): Promise<Checkpoint>;
  /** The purge's step: a checkpoint for every chain that moved since its last one; returns how many. */
  catchUp(): Promise<number>;
  /** The chain, its head, the given checkpoints and the latest one kept here. */
  verify(tenantId: string, given: readonly Checkpoint[]): Promise<ChainVerdict>;
}

export interface CheckpointDeps {
  store: ChainStore;
  hmacKey: Buffer;
  signingKey: SigningKey;
  now: () => number;
  log: Logger;
}

export function createCheckpoints(deps: CheckpointDeps): ReceiptCheckpoints {
  const { store, hmacKey, signingKey, now, log } = deps;
  const { keyId, publicKey } = signingKey;
  let registered: Promise<void> | undefined;
  // Kept before its first signature, so every checkpoint's key can be found after a rotation.
  const register = () =>
    (registered ??= store.checkpoints.registerKey({ keyId, publicKey }, now()).catch((err: unknown) => {
      registered = undefined;
      throw err;
    }));

  const refuse = (tenantId: string, problems: VerdictProblem[]): never => {
    log.warn('receipts.checkpoint', { tenantId, outcome: 'rejected', code: problems[0].code });
    throw new ChainRefusedError(problems);
  };

  async function make(tenantId: string, final: boolean): Promise<Checkpoint> {
    await register();
    const latest = await store.checkpoints.latest(tenantId);
    if (latest?.final) return latest;
    const head = await store.receipts.head(tenantId);
    const count = head?.seq ?? 0;
    const genesis = genesisHash(hmacKey, tenantId);
    // Continue from the latest checkpoint (an empty chain's says nothing the genesis does not).
    const anchor: ChainAnchor =
      latest && latest.count > 0 ? { seq: latest.count, hash: latest.headHash } : { seq: 0, hash: genesis };
    if (latest && count < latest.count)
      refuse(tenantId, [{ code: 'checkpoint.missing-receipts', count: latest.count, chainCount: count }]);
    if (latest && count === latest.count && count > 0 && head?.hash !== latest.headHash)
      refuse(tenantId, [{ code: 'checkpoint.mismatch', count }]);
    if (latest && count === latest.count && !final) return latest;
    const appended = await receiptsBetween(store, tenantId, anchor.seq, count);
    const problems = verifyChain(hmacKey, tenantId, appended, head, anchor);
    if (problems.length > 0) refuse(tenantId, problems);
    const checkpoint = signCheckpoint(signingKey, {
      tenantId,
      count,
      headHash: head?.hash ?? genesis,
      time: new Date(now()).toISOString(),
      final,
    });
    const kept = await store.checkpoints.add(tenantId, checkpoint);
    log.info('receipts.checkpoint', {
      tenantId,
      seq: count,
      outcome: 'ok',
      ...(final ? { reason: 'final' } : {}),
    });
    return kept;
  }

  async function publicKeys() {
    await register();
    return store.checkpoints.keys();
  }

  return {
    publicKeys,
    current: (tenantId) => make(tenantId, false),
    close: (tenantId) => make(tenantId, true),
    async catchUp() {
      let made = 0;
      for (const tenantId of await store.checkpoints.behindHeads()) {
        try {
          await make(tenantId, false);
          made++;
        } catch (err) {
          // Refused chains were logged by `refuse`; anything else must not stop the other tenants.
          if (!(err instanceof ChainRefusedError))
            log.error('receipts.checkpoint', { tenantId, outcome: 'error', code: errorCode(err) });
        }
      }
      return made;
    },
    async verify(tenantId, given) {
      const { receipts, head } = await readChain(store, tenantId);
      const kept = await store.checkpoints.latest(tenantId);
      const keys = new Map((await publicKeys()).map((k) => [k.keyId, k.publicKey]));
      return chainVerdict({
        key: hmacKey,
        tenantId,
        receipts,
        head,
        checkpoints: kept ? [...given, kept] : given,
        keys,
      });
    },
  };
}
