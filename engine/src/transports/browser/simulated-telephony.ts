// The phone network of a test call: nobody is rung. A transfer is shown to the person testing,
// who answers „angenommen" or „niemand nimmt ab" as in the text test call; the socket then feeds
// that outcome to the session (CallSession.onHandoffResult), exactly where a phone call's dial
// callback would. Hanging up is the socket's to do.
import type { Telephony, TransferRequest } from '../../ports/telephony';

export class SimulatedTelephony implements Telephony {
  constructor(
    private readonly onTransfer: (target: string) => void,
    private readonly onHangup: () => void,
  ) {}

  transfer(request: TransferRequest): Promise<void> {
    this.onTransfer(request.target);
    return Promise.resolve();
  }

  hangup(): Promise<void> {
    this.onHangup();
    return Promise.resolve();
  }
}
