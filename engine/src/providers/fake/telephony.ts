// In-process Telephony fake: records what the runtime asked for and can be told to fail,
// so handoff paths (including "the transfer did not go through") are testable without sockets.
import { ProviderError } from '../../ports/provider-error';
import type { Telephony, TransferRequest } from '../../ports/telephony';

export type TelephonyCommand =
  | { readonly kind: 'transfer'; readonly request: TransferRequest }
  | { readonly kind: 'hangup'; readonly callSid: string };

export class FakeTelephony implements Telephony {
  readonly commands: TelephonyCommand[] = [];
  private failures: { status: number; left: number } | null = null;

  /** The next `times` commands fail like the vendor answering with this HTTP status. */
  failNext(status: number, times = 1): void {
    this.failures = { status, left: times };
  }

  async transfer(request: TransferRequest): Promise<void> {
    this.maybeFail('transfer_failed');
    this.commands.push({ kind: 'transfer', request });
  }

  async hangup(callSid: string): Promise<void> {
    this.maybeFail('hangup_failed');
    this.commands.push({ kind: 'hangup', callSid });
  }

  private maybeFail(code: string): void {
    if (!this.failures || this.failures.left <= 0) return;
    this.failures.left--;
    const { status } = this.failures;
    throw new ProviderError({ provider: 'fake', code, status, retryable: status === 429 || status >= 500 });
  }
}
