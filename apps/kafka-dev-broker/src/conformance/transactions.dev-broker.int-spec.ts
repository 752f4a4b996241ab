import { ApiKey } from '@touchpoint/kafka-protocol';
import { RawConnection } from './raw-connection';
import { startTestBroker, type TestBroker } from './test-broker';

// Apache Kafka serves transactions; the dev broker does not (ADR 0001) and must say so with
// the error code Kafka uses for a transactional id it will not serve.
describe('transactional producers on the dev broker', () => {
  let broker: TestBroker;
  let connection: RawConnection;

  beforeAll(async () => {
    broker = await startTestBroker();
    connection = await RawConnection.open(broker.port);
  });

  afterAll(async () => {
    connection.close();
    await broker.dispose();
  });

  it('are refused with TRANSACTIONAL_ID_AUTHORIZATION_FAILED', async () => {
    const reader = await connection.request(ApiKey.InitProducerId, 1, 30, (w) => w.nullableString('tx-1').int32(60_000));
    reader?.int32();
    expect(reader?.int16()).toBe(53);
  });
});
