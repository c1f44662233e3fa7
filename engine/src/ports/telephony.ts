// Telephony port: what the runtime asks of the phone network once a call is live.
// The media stream itself is the transport's business (transports/twilio); this port covers
// the call-control side (REST), which is how a handoff to a human happens.

export interface TransferRequest {
  /** The provider's id of the live call (Twilio CallSid, "CA…"). */
  readonly callSid: string;
  /** E.164 number from the tenant's allow-list; never chosen by caller speech. */
  readonly target: string;
  /**
   * Absolute URL returning the whisper TwiML: played to the answering person before the
   * caller is connected. A URL (not the text) so no summary ends up in Twilio's call logs.
   */
  readonly whisperUrl: string;
  /** Absolute URL that receives the dial outcome (answered, no-answer, busy, failed). */
  readonly actionUrl: string;
  /** Absolute URL that receives the call's later status changes (its end while the transfer rings). */
  readonly statusCallbackUrl?: string;
  /** Seconds to ring before "no-answer". */
  readonly timeoutSeconds?: number;
  /** Number shown to the human; defaults to the caller's number. */
  readonly callerId?: string;
}

export interface Telephony {
  /** Redirects the live call to a human. Resolves when the provider accepted the new instructions. */
  transfer(request: TransferRequest): Promise<void>;
  /** Ends the call from our side. */
  hangup(callSid: string): Promise<void>;
}
