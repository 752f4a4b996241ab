import { randomUUID } from 'node:crypto';
import { ApiKey } from '@touchpoint/kafka-protocol';
import { startTestKafka, type TestKafka } from '@touchpoint/kafka-testing';
import type { Consumer } from 'kafkajs';
import { RawConnection } from './raw-connection';

/**
 * A member the coordinator no longer knows (it restarted, or the session expired) leaves:
 * from v3 the error belongs to the member, not to the response, so a client leaving at
 * shutdown is not failed for a member that is already gone.
 */
describe('LeaveGroup for a member the coordinator does not know', () => {
  let broker: TestKafka;
  let member: Consumer;
  let connection: RawConnection;
  const groupId = `leave-group-${randomUUID()}`;

  beforeAll(async () => {
    broker = await startTestKafka();
    const topic = `tp.conformance.leave.${randomUUID()}`;
    const admin = broker.kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic }] });
    await admin.disconnect();
    member = broker.kafka.consumer({ groupId, sessionTimeout: 6000, maxWaitTimeInMs: 250 });
    await member.connect();
    await member.subscribe({ topic });
    const joined = new Promise<void>((resolve) => member.on(member.events.GROUP_JOIN, () => resolve()));
    await member.run({ eachMessage: async () => undefined });
    await joined;
    connection = await RawConnection.open(Number(broker.address.split(':')[1]));
  }, 60_000);

  afterAll(async () => {
    connection?.close();
    await member?.disconnect();
    await broker?.dispose();
  }, 30_000);

  async function leave(version: number, correlationId: number): Promise<{ errorCode: number; memberErrors: number[] }> {
    const reader = await connection.request(ApiKey.LeaveGroup, version, correlationId, (w) => {
      w.string(groupId);
      if (version < 3) w.string('forgotten-member');
      else w.int32(1).string('forgotten-member').nullableString(null);
    });
    if (!reader) throw new Error('connection closed');
    if (version >= 1) reader.int32(); // throttle time
    const errorCode = reader.int16();
    const memberErrors: number[] = [];
    if (version >= 3) {
      for (let i = reader.int32(); i > 0; i--) {
        reader.string();
        reader.nullableString();
        memberErrors.push(reader.int16());
      }
    }
    return { errorCode, memberErrors };
  }

  it('answers UNKNOWN_MEMBER_ID at the top level up to v2', async () => {
    expect(await leave(2, 1)).toEqual({ errorCode: 25, memberErrors: [] });
  });

  it('answers it per member from v3, with no error for the request itself', async () => {
    expect(await leave(3, 2)).toEqual({ errorCode: 0, memberErrors: [25] });
  });
});
