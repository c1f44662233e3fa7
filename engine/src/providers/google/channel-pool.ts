// Spreads long-lived recognition streams over several gRPC channels, each with a connection of
// its own. One HTTP/2 connection is not enough for a busy process, for two reasons:
// - A server caps the concurrent streams per connection (gRPC servers commonly announce 100), and
//   grpc-js queues the streams beyond the cap without an error: a queued recognition stream hears
//   nothing and looks stalled to the caller.
// - All streams of a connection share one flow-control window, which the server sets. With the
//   default 64 KB, 300 calls' audio (2.4 MB/s) needed a window update every 13 ms, and a worker
//   whose event loop was busy for longer could not send the audio as fast as callers spoke
//   (BENCHMARKS.md, issue 26: 1,190 stalled recognitions at 600 calls on two workers).

export interface ChannelLease<C> {
  readonly client: C;
  /** The stream is over; idempotent. */
  release(): void;
}

export class ChannelPool<C> {
  private readonly channels: { readonly client: C; streams: number }[] = [];

  /**
   * `create` makes a client with a connection of its own (not shared with the other clients);
   * the first is made at once, so a misconfigured endpoint fails at start, not on the first call.
   */
  constructor(
    private readonly create: () => C,
    private readonly streamsPerChannel: number,
  ) {
    if (!(streamsPerChannel >= 1)) throw new Error('streamsPerChannel must be at least 1');
    this.channels.push({ client: create(), streams: 0 });
  }

  /** The least busy channel with room, or a new one when every channel is full. */
  acquire(): ChannelLease<C> {
    let channel = this.channels[0];
    for (const candidate of this.channels) if (candidate.streams < channel.streams) channel = candidate;
    if (channel.streams >= this.streamsPerChannel) {
      channel = { client: this.create(), streams: 0 };
      this.channels.push(channel);
    }
    channel.streams++;
    let released = false;
    return {
      client: channel.client,
      release: () => {
        if (released) return;
        released = true;
        channel.streams--;
      },
    };
  }

  /** Every client made so far (to close them). */
  get clients(): readonly C[] {
    return this.channels.map((c) => c.client);
  }

  /** Streams open on each channel, in the order the channels were made. */
  get load(): readonly number[] {
    return this.channels.map((c) => c.streams);
  }
}
