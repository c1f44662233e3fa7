// The behaviour every Telephony provider must show, run against Twilio (via the REST fake)
// and the in-process fake. What the runtime relies on: a transfer dials exactly the
// allow-listed number with the whisper; faults arrive as ProviderError with `retryable`.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../engine/src/ports/provider-error';
import type { Telephony } from '../../engine/src/ports/telephony';

/** What the provider made the phone network do, normalized across providers. */
export type ObservedCommand =
  | { kind: 'transfer'; callSid: string; target: string; whisperUrl: string; actionUrl: string }
  | { kind: 'hangup'; callSid: string };

export interface TelephonyUnderTest {
  readonly telephony: Telephony;
  observed(): ObservedCommand[];
  failNext(status: number): void;
  teardown(): Promise<void>;
}

const CALL = 'CA0123456789abcdef0123456789abcdef';
const transfer = {
  callSid: CALL,
  target: '+4930123456',
  whisperUrl: 'https://voice.example.de/twilio/whisper/w1',
  actionUrl: 'https://voice.example.de/twilio/dial-result/c1',
};

export function describeTelephonyContract(name: string, setup: () => Promise<TelephonyUnderTest>): void {
  describe(`Telephony contract: ${name}`, () => {
    let sut: TelephonyUnderTest;
    beforeEach(async () => {
      sut = await setup();
    });
    afterEach(async () => {
      await sut.teardown();
    });

    it('transfers the live call to exactly the allow-listed number, with the whisper and the outcome URL', async () => {
      await sut.telephony.transfer(transfer);
      expect(sut.observed()).toEqual([{ kind: 'transfer', ...transfer }]);
    });

    it('hangs up the call', async () => {
      await sut.telephony.hangup(CALL);
      expect(sut.observed()).toEqual([{ kind: 'hangup', callSid: CALL }]);
    });

    it('reports a vendor outage as a retryable ProviderError and records nothing', async () => {
      sut.failNext(503);
      const error = await sut.telephony.transfer(transfer).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({ code: 'transfer_failed', retryable: true, status: 503 });
      expect(sut.observed()).toEqual([]);
    });

    it('reports a rejected request as a non-retryable ProviderError', async () => {
      sut.failNext(400);
      const error = await sut.telephony.hangup(CALL).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'hangup_failed', retryable: false, status: 400 });
    });
  });
}
