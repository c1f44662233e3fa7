// The delivery claim on both dialects: a compare-and-set on the note's next attempt, so of two
// instances that read the same due delivery exactly one sends it (engine/src/jobs/README.md).
import { afterEach, expect, it } from 'vitest';
import { noteWith, recordsEnv, type RecordsEnv } from '../privacy/records-env';
import { describeStores } from './describe-stores';

describeStores('delivery claim', (d) => {
  let env: RecordsEnv;
  afterEach(() => env.close());

  it('lets one claimer win, moves the next attempt to the lease, and never claims a shredded note', async () => {
    env = await recordsEnv(d.open);
    const record = noteWith('Anspruch');
    await env.sink.accept({
      tenantId: 't_praxis',
      flowId: 'f',
      flowVersion: 1,
      record,
      retention: { mode: 'ttl', days: 1 },
      zeroPersistence: false,
      delivery: { inbox: false, webhookUrl: 'https://praxis.example/hook' },
    });
    const seen = (await env.notes.get('t_praxis', record.txId))!.webhook!.nextAttemptAt;
    const lease = seen + 30_000;
    const [first, second] = await Promise.all([
      env.notes.claimDelivery('t_praxis', record.txId, seen, lease),
      env.notes.claimDelivery('t_praxis', record.txId, seen, lease + 1),
    ]);
    expect([first, second].filter(Boolean)).toHaveLength(1);
    expect((await env.notes.get('t_praxis', record.txId))!.webhook!.nextAttemptAt).toBe(
      first ? lease : lease + 1,
    );
    expect(await env.notes.dueDeliveries(seen, 10)).toEqual([]); // leased: not due for anyone else
    expect(
      await env.notes.claimDelivery('t_kanzlei', record.txId, first ? lease : lease + 1, lease + 2),
    ).toBe(false); // other tenant
    await env.shredder.shred('t_praxis', record.txId, 'manual');
    expect(await env.notes.claimDelivery('t_praxis', record.txId, first ? lease : lease + 1, lease + 2)).toBe(
      false,
    );
  });
});
