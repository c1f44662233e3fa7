// The call's output actions (say, listen, transfer, hangup) run one after another, in the order
// the interpreter gave them; a fault in one is reported and never stalls the rest. An idle queue
// starts the task synchronously, so a cached greeting is on the wire before start() returns.
export class OutputQueue {
  private chain: Promise<void> = Promise.resolve();
  private pending = 0;

  constructor(private readonly onError: (error: unknown) => void) {}

  push(task: () => Promise<void>): void {
    const run = () =>
      task()
        .catch(this.onError)
        .finally(() => this.pending--);
    this.pending++;
    this.chain = this.pending === 1 ? run() : this.chain.then(run);
  }
}
