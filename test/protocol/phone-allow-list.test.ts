// Calls of one published version share its compiled flow (compiled-flows.ts), but the transfer
// allow-list is the organisation's and may change at any time: the next call must dial the
// number as it is now, never the one cached with an earlier call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TARGETS } from '../../engine/src/store/bootstrap';
import { startPhoneServer, type PhoneServer } from './phone-server';

const PRAXIS = '+4930555100011';
const EMPFANG = DEMO_TARGETS.find((t) => t.id === 'empfang')!;
const NEW_NUMBER = '+4930555199999';

let env: PhoneServer;
beforeAll(async () => {
  env = await startPhoneServer();
  await env.bind('arztpraxis', PRAXIS);
}, 30_000);
afterAll(async () => {
  await env?.close();
});

/** A caller who presses the human-escape key after the greeting; returns the REST <Dial> TwiML. */
async function escapeToStaff(): Promise<string> {
  const c = env.caller({ to: PRAXIS });
  const answer = await c.placeCall();
  expect(answer.status).toBe(200);
  await c.connect(answer);
  await c.waitForMedia();
  c.dtmf('0');
  const update = await env.rest.waitForUpdate((u) => u.callSid === c.callSid, 8000);
  await c.hangup();
  return String(update.params.Twiml);
}

describe('transfer allow-list with cached compiled flows', () => {
  it('dials the number the allow-list has at call time, also after an earlier call of the same version', async () => {
    expect(await escapeToStaff()).toContain(`>${EMPFANG.number}</Number>`);
    await env.store.handoffTargets.upsert(env.tenantId, { ...EMPFANG, number: NEW_NUMBER });
    const second = await escapeToStaff();
    expect(second).toContain(`>${NEW_NUMBER}</Number>`);
    expect(second).not.toContain(EMPFANG.number);
  }, 40_000);
});
