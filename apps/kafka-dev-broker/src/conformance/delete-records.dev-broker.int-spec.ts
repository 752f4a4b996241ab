import fs from 'node:fs';
import { deleteRecords, fetchPartition } from './raw-partition';
import { startTestBroker, tempDataDir } from './test-broker';

describe('DeleteRecords on the dev broker', () => {
  const dataDir = tempDataDir();

  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('keeps the new log start offset across a restart', async () => {
    const topic = 'delete-records.restart';
    const first = await startTestBroker({ dataDir });
    const producer = first.kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: Array.from({ length: 8 }, (_, i) => ({ value: `v${i}` })) });
    await producer.disconnect();
    expect(await deleteRecords(first.address, topic, 5)).toEqual({ lowWatermark: 5, errorCode: 0 });
    await first.stop();

    const second = await startTestBroker({ dataDir });
    try {
      const admin = second.kafka.admin();
      await admin.connect();
      expect(await admin.fetchTopicOffsets(topic)).toEqual([expect.objectContaining({ partition: 0, low: '5', high: '8' })]);
      await admin.disconnect();
      expect(await fetchPartition(second.address, topic, 4)).toMatchObject({ errorCode: 1, logStartOffset: 5 });
    } finally {
      await second.stop();
    }
  });
});
