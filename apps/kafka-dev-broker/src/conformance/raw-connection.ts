import net from 'node:net';
import { Reader, Writer } from '@touchpoint/kafka-protocol';

/**
 * A bare TCP connection to the broker for tests that must send bytes no well-behaved
 * client would: hand-built requests, exact retries, garbage.
 */
export class RawConnection {
  private buffer = Buffer.alloc(0);
  private waiting: ((frame: Buffer | null) => void) | null = null;
  private closedFlag = false;

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.deliver();
    });
    const onEnd = (): void => {
      this.closedFlag = true;
      this.waiting?.(null);
      this.waiting = null;
    };
    socket.on('close', onEnd);
    socket.on('error', onEnd);
  }

  static open(port: number, host = '127.0.0.1'): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, host, () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  private deliver(): void {
    if (!this.waiting || this.buffer.length < 4) return;
    const size = this.buffer.readInt32BE(0);
    if (this.buffer.length < 4 + size) return;
    const frame = this.buffer.subarray(4, 4 + size);
    this.buffer = this.buffer.subarray(4 + size);
    const resolve = this.waiting;
    this.waiting = null;
    resolve(frame);
  }

  write(bytes: Buffer): void {
    if (!this.closedFlag) this.socket.write(bytes);
  }

  /** The next response frame (after its size), or null if the broker closed the connection first. */
  next(timeoutMs = 5000): Promise<Buffer | null> {
    return new Promise((resolve, reject) => {
      if (this.closedFlag && this.buffer.length === 0) {
        resolve(null);
        return;
      }
      const timer = setTimeout(() => reject(new Error('no response within timeout')), timeoutMs);
      this.waiting = (frame) => {
        clearTimeout(timer);
        resolve(frame);
      };
      this.deliver();
    });
  }

  /** Sends a request (header v1 + body) and returns a reader positioned after the correlation id. */
  async request(apiKey: number, apiVersion: number, correlationId: number, body: (writer: Writer) => void): Promise<Reader | null> {
    const writer = new Writer();
    writer.int32(0).int16(apiKey).int16(apiVersion).int32(correlationId).nullableString('raw-test');
    body(writer);
    const frame = writer.toBuffer();
    frame.writeInt32BE(frame.length - 4, 0);
    this.write(frame);
    const response = await this.next();
    if (!response) return null;
    const reader = new Reader(response);
    if (reader.int32() !== correlationId) throw new Error('correlation id mismatch');
    return reader;
  }

  close(): void {
    this.socket.destroy();
  }
}
