import type { Socket } from 'node:net';
import type { Logger } from 'pino';
import { type Endpoint, localEndpoint } from './advertised-endpoint';
import type { RequestDispatcher } from './request-dispatcher';

/** Stop reading from a client that pipelines this many unanswered requests. */
const MAX_QUEUED_REQUESTS = 64;

/**
 * One client connection: cuts the byte stream into size-prefixed frames and answers them
 * strictly in order, one at a time, as Kafka does, so responses never overtake each other.
 */
export class BrokerConnection {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private expectedSize = -1;
  private readonly queue: Buffer[] = [];
  private processing = false;
  private closed = false;
  private readonly clientHost: string;
  private readonly localEndpoint: Endpoint;

  constructor(
    private readonly socket: Socket,
    private readonly dispatcher: RequestDispatcher,
    private readonly maxRequestBytes: number,
    private readonly logger: Logger,
  ) {
    this.clientHost = socket.remoteAddress ?? 'unknown';
    this.localEndpoint = localEndpoint(socket);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (error) => this.logger.debug({ err: error, client: this.clientHost }, 'connection error'));
    socket.on('close', () => {
      this.closed = true;
      this.queue.length = 0;
    });
  }

  private onData(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    while (!this.closed) {
      if (this.expectedSize < 0) {
        if (this.buffered < 4) break;
        const head = this.chunks[0].length >= 4 ? this.chunks[0] : this.coalesce();
        const size = head.readInt32BE(0);
        if (size < 8 || size > this.maxRequestBytes) {
          this.close(`request size ${size} is outside 8..${this.maxRequestBytes} bytes`);
          return;
        }
        this.expectedSize = size;
      }
      if (this.buffered < 4 + this.expectedSize) break;
      const all = this.coalesce();
      this.queue.push(all.subarray(4, 4 + this.expectedSize));
      const rest = all.subarray(4 + this.expectedSize);
      this.chunks = rest.length > 0 ? [rest] : [];
      this.buffered = rest.length;
      this.expectedSize = -1;
    }
    if (this.queue.length >= MAX_QUEUED_REQUESTS) this.socket.pause();
    if (!this.processing) void this.drain();
  }

  private coalesce(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0];
  }

  private async drain(): Promise<void> {
    this.processing = true;
    try {
      while (!this.closed && this.queue.length > 0) {
        const frame = this.queue.shift() as Buffer;
        if (this.socket.isPaused() && this.queue.length < MAX_QUEUED_REQUESTS / 4) this.socket.resume();
        const outcome = await this.dispatcher.dispatch(frame, { clientHost: this.clientHost, localEndpoint: this.localEndpoint });
        if (this.closed) return;
        if (outcome.kind === 'close') {
          this.close(outcome.reason);
          return;
        }
        if (outcome.kind === 'respond') await this.write(outcome.chunks);
      }
    } catch (error) {
      this.logger.error({ err: error, client: this.clientHost }, 'request handler failed; closing the connection');
      this.close('internal error');
    } finally {
      this.processing = false;
    }
  }

  private write(chunks: readonly Buffer[]): Promise<void> {
    this.socket.cork();
    let flushed = true;
    for (const chunk of chunks) flushed = this.socket.write(chunk);
    this.socket.uncork();
    if (flushed) return Promise.resolve();
    // A slow reader: wait for the kernel buffer to drain instead of piling responses in memory.
    return new Promise((resolve) => {
      const done = (): void => {
        this.socket.off('drain', done);
        this.socket.off('close', done);
        resolve();
      };
      this.socket.once('drain', done);
      this.socket.once('close', done);
    });
  }

  close(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.logger.warn({ client: this.clientHost, reason }, 'closing client connection');
    this.queue.length = 0;
    this.socket.destroy();
  }

  destroy(): void {
    this.closed = true;
    this.socket.destroy();
  }
}
