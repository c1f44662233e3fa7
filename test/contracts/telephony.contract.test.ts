import { FakeTelephony } from '../../engine/src/providers/fake/telephony';
import { TwilioTelephony } from '../../engine/src/providers/twilio/telephony';
import { startTwilioRestFake } from '../fakes/twilio-rest-server';
import { type ObservedCommand, describeTelephonyContract } from './telephony.contract';

const accountSid = 'AC00000000000000000000000000000001';
const authToken = 'test-auth-token';

/** Reads the dial back out of the TwiML Twilio would execute. */
function fromTwiml(callSid: string, params: Record<string, string>): ObservedCommand {
  if (params.Status === 'completed') return { kind: 'hangup', callSid };
  const twiml = params.Twiml ?? '';
  const dial = /<Dial action="([^"]+)"[^>]*><Number url="([^"]+)"[^>]*>([^<]+)<\/Number><\/Dial>/.exec(twiml);
  if (!dial) throw new Error('call update without a <Dial><Number url>');
  return { kind: 'transfer', callSid, target: dial[3], whisperUrl: dial[2], actionUrl: dial[1] };
}

describeTelephonyContract('Twilio REST (twilio SDK → local fake)', async () => {
  const fake = await startTwilioRestFake({ accountSid, authToken });
  return {
    telephony: new TwilioTelephony({ accountSid, authToken, apiBaseUrl: fake.baseUrl }),
    observed: () =>
      fake.updates.map((u) => {
        if (!u.authorized || u.accountSid !== accountSid) throw new Error('unauthenticated update');
        return fromTwiml(u.callSid, u.params);
      }),
    failNext: (status) => fake.failNext(status),
    teardown: () => fake.close(),
  };
});

describeTelephonyContract('in-process fake', async () => {
  const fake = new FakeTelephony();
  return {
    telephony: fake,
    observed: () =>
      fake.commands.map((c): ObservedCommand =>
        c.kind === 'hangup'
          ? c
          : {
              kind: 'transfer',
              callSid: c.request.callSid,
              target: c.request.target,
              whisperUrl: c.request.whisperUrl,
              actionUrl: c.request.actionUrl,
            },
      ),
    failNext: (status) => fake.failNext(status),
    teardown: async () => {},
  };
});
