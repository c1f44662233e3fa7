import { describe, expect, it } from 'vitest';
import { connectStreamTwiml, dialTwiml, sayAndHangupTwiml, whisperTwiml } from './twiml';

describe('TwiML', () => {
  it('answers a call with <Connect action><Stream> carrying the token as a <Parameter>', () => {
    const xml = connectStreamTwiml({
      streamUrl: 'wss://voice.example.de/twilio/media',
      parameters: { token: 'abc.def' },
      actionUrl: 'https://voice.example.de/twilio/after-stream',
    });
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Connect action="https://voice.example.de/twilio/after-stream">' +
        '<Stream url="wss://voice.example.de/twilio/media"><Parameter name="token" value="abc.def"/></Stream></Connect></Response>',
    );
  });

  it('refuses a stream URL with a query string (Twilio would drop it) or a non-WebSocket URL', () => {
    expect(() => connectStreamTwiml({ streamUrl: 'wss://x/media?token=1', parameters: {} })).toThrow(/query/);
    expect(() => connectStreamTwiml({ streamUrl: 'https://x/media', parameters: {} })).toThrow(/WebSocket/);
  });

  it('hands off with <Dial action> to the target and a whisper URL on the <Number>', () => {
    const xml = dialTwiml({
      target: '+4930123456',
      whisperUrl: 'https://voice.example.de/twilio/whisper/w1',
      actionUrl: 'https://voice.example.de/twilio/dial-result/c1',
      timeoutSeconds: 20,
    });
    expect(xml).toContain(
      '<Dial action="https://voice.example.de/twilio/dial-result/c1" method="POST" timeout="20">',
    );
    expect(xml).toContain(
      '<Number url="https://voice.example.de/twilio/whisper/w1" method="POST">+4930123456</Number>',
    );
  });

  it('refuses a target that is not an E.164 number (no SIP or client addresses from flows)', () => {
    for (const target of ['030123456', 'sip:x@y', '+49 30 123', '']) {
      expect(() => dialTwiml({ target, whisperUrl: 'https://x/w', actionUrl: 'https://x/a' })).toThrow(
        /E\.164/,
      );
    }
  });

  it('escapes spoken text', () => {
    expect(whisperTwiml('Anruf von <Max> & Co', 'de-DE')).toContain(
      '<Say language="de-DE">Anruf von &lt;Max&gt; &amp; Co</Say>',
    );
    expect(sayAndHangupTwiml('Leider nicht erreichbar.', 'de-DE')).toMatch(
      /<Say language="de-DE">Leider nicht erreichbar.<\/Say><Hangup\/>/,
    );
  });
});
