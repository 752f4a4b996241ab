import fc from 'fast-check';
import { ApiKey, Writer } from '@touchpoint/kafka-protocol';
import { RawConnection } from './raw-connection';
import { startTestBroker, type TestBroker } from './test-broker';

function frame(build: (writer: Writer) => void): Buffer {
  const writer = new Writer();
  writer.int32(0);
  build(writer);
  const bytes = writer.toBuffer();
  bytes.writeInt32BE(bytes.length - 4, 0);
  return bytes;
}

/** Valid requests of several APIs, used as seeds for mutation. */
const validFrames: Buffer[] = [
  frame((w) => w.int16(ApiKey.ApiVersions).int16(2).int32(1).nullableString('fuzz')),
  frame((w) => w.int16(ApiKey.Metadata).int16(6).int32(2).nullableString('fuzz').int32(1).string('fuzz.topic').bool(true)),
  frame((w) =>
    w.int16(ApiKey.Fetch).int16(11).int32(3).nullableString('fuzz')
      .int32(-1).int32(10).int32(1).int32(1024).int8(0).int32(0).int32(-1)
      .int32(1).string('fuzz.topic').int32(1).int32(0).int32(-1).int64(0).int64(0).int32(1024)
      .int32(0).string(''),
  ),
  frame((w) =>
    w.int16(ApiKey.JoinGroup).int16(5).int32(4).nullableString('fuzz')
      .string('fuzz-group').int32(10_000).int32(10_000).string('').nullableString(null).string('consumer')
      .int32(1).string('range').bytes(Buffer.from([0, 1, 0, 0, 0, 0])),
  ),
];

describe('malformed input', () => {
  let broker: TestBroker;

  beforeAll(async () => {
    broker = await startTestBroker();
  });

  afterAll(async () => {
    await broker.dispose();
  });

  /** The broker must still serve a well-behaved client after whatever came before. */
  async function expectBrokerHealthy(): Promise<void> {
    const connection = await RawConnection.open(broker.port);
    const reader = await connection.request(ApiKey.ApiVersions, 2, 99, () => undefined);
    connection.close();
    expect(reader?.int16()).toBe(0);
  }

  /** Sends bytes and waits until the broker answers or hangs up; it must do one of the two. */
  async function sendAndSettle(bytes: Buffer): Promise<'answered' | 'closed' | 'waiting'> {
    const connection = await RawConnection.open(broker.port);
    connection.write(bytes);
    try {
      const response = await connection.next(300);
      return response ? 'answered' : 'closed';
    } catch {
      // Too few bytes for a whole frame: the broker rightly waits for the rest.
      return 'waiting';
    } finally {
      connection.close();
    }
  }

  it('closes the connection on an oversized frame', async () => {
    expect(await sendAndSettle(Buffer.from([0x7f, 0xff, 0xff, 0xff, 0, 0, 0, 0]))).toBe('closed');
    await expectBrokerHealthy();
  });

  it('closes the connection on an unknown api key and on an unsupported version', async () => {
    expect(await sendAndSettle(frame((w) => w.int16(999).int16(0).int32(1).nullableString('x')))).toBe('closed');
    expect(await sendAndSettle(frame((w) => w.int16(ApiKey.Produce).int16(99).int32(1).nullableString('x')))).toBe('closed');
    await expectBrokerHealthy();
  });

  it('answers an ApiVersions request from the future with UNSUPPORTED_VERSION and its ranges', async () => {
    const connection = await RawConnection.open(broker.port);
    const reader = await connection.request(ApiKey.ApiVersions, 9, 5, () => undefined);
    connection.close();
    expect(reader?.int16()).toBe(35);
    const ranges = reader?.array((r) => ({ key: r.int16(), min: r.int16(), max: r.int16() })) ?? [];
    expect(ranges).toContainEqual({ key: ApiKey.ApiVersions, min: 0, max: 3 });
  });

  it('closes the connection on a truncated body', async () => {
    const metadata = validFrames[1];
    const truncated = Buffer.from(metadata.subarray(0, metadata.length - 3));
    truncated.writeInt32BE(truncated.length - 4, 0);
    expect(await sendAndSettle(truncated)).toBe('closed');
    await expectBrokerHealthy();
  });

  it('survives random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 256 }), async (bytes) => {
        await sendAndSettle(Buffer.from(bytes));
      }),
      { numRuns: 150 },
    );
    await expectBrokerHealthy();
  }, 60_000);

  it('survives mutated valid frames, answering or hanging up but never crashing', async () => {
    const mutation = fc.record({
      seed: fc.nat({ max: validFrames.length - 1 }),
      flips: fc.array(fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 6 }),
    });
    await fc.assert(
      fc.asyncProperty(mutation, async ({ seed, flips }) => {
        const bytes = Buffer.from(validFrames[seed]);
        // Keep the size prefix intact so the mutation lands in the header or body.
        for (const flip of flips) bytes[4 + (flip.at % (bytes.length - 4))] = flip.value;
        const outcome = await sendAndSettle(bytes);
        expect(['answered', 'closed', 'waiting']).toContain(outcome);
      }),
      { numRuns: 200 },
    );
    await expectBrokerHealthy();
    // A real client still works end to end after the storm.
    const producer = broker.kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'fuzz.after', messages: [{ value: 'still-alive' }] });
    await producer.disconnect();
  }, 60_000);
});
