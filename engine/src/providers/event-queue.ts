// A push-to-pull bridge: providers receive vendor callbacks (stream 'data' events) and expose
// them to the runtime as an AsyncIterable. Single consumer; ends cleanly or with an error.

export class EventQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private waiting: { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void } | null = null;
  private done = false;
  private error: unknown = null;

  push(item: T): void {
    if (this.done) return;
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = null;
      w.resolve({ value: item, done: false });
    } else this.items.push(item);
  }

  /** Ends the iteration after the queued items. */
  end(): void {
    this.finish(null);
  }

  /** Ends the iteration with an error after the queued items. */
  fail(error: unknown): void {
    this.finish(error ?? new Error('failed'));
  }

  get ended(): boolean {
    return this.done;
  }

  private finish(error: unknown): void {
    if (this.done) return;
    this.done = true;
    this.error = error;
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = null;
      if (error) w.reject(error);
      else w.resolve({ value: undefined, done: true });
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        if (this.items.length > 0) return Promise.resolve({ value: this.items.shift() as T, done: false });
        if (this.done)
          return this.error ? Promise.reject(this.error) : Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
      },
      return: () => {
        this.items.length = 0;
        this.finish(null);
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}
