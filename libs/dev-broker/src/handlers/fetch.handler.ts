import { ApiKey, type FetchRequest, type FetchResponse, KafkaError } from '@touchpoint/kafka-protocol';
import { AppendNotifier } from '../append-notifier';
import type { BrokerContext, Handler } from '../broker-context';

interface Assembled {
  readonly response: FetchResponse;
  readonly bytes: number;
  readonly hasError: boolean;
}

function assemble(broker: BrokerContext, request: FetchRequest): Assembled {
  let budget = Math.max(request.maxBytes, 1);
  let bytes = 0;
  let hasError = false;
  const topics = request.topics.map((topicRequest) => ({
    topic: topicRequest.topic,
    partitions: topicRequest.partitions.map((partitionRequest) => {
      const log = broker.topics.partition(topicRequest.topic, partitionRequest.partition);
      if (!log) {
        hasError = true;
        return {
          partitionIndex: partitionRequest.partition,
          errorCode: KafkaError.UNKNOWN_TOPIC_OR_PARTITION.code,
          highWatermark: -1,
          lastStableOffset: -1,
          logStartOffset: -1,
          records: [],
        };
      }
      const offsets = { highWatermark: log.logEndOffset, lastStableOffset: log.logEndOffset, logStartOffset: log.logStartOffset };
      if (partitionRequest.fetchOffset < log.logStartOffset || partitionRequest.fetchOffset > log.logEndOffset) {
        hasError = true;
        return { partitionIndex: partitionRequest.partition, errorCode: KafkaError.OFFSET_OUT_OF_RANGE.code, ...offsets, records: [] };
      }
      let records: Buffer[] = [];
      // Once the response budget is spent, later partitions answer empty, except that the
      // first data in a response is always served whole so a large batch cannot stall a consumer.
      if (partitionRequest.fetchOffset < log.logEndOffset && (budget > 0 || bytes === 0)) {
        const read = log.read(partitionRequest.fetchOffset, Math.min(partitionRequest.partitionMaxBytes, Math.max(budget, 1)));
        if (read.records) {
          records = [read.records];
          bytes += read.records.length;
          budget -= read.records.length;
        }
      }
      return { partitionIndex: partitionRequest.partition, errorCode: KafkaError.NONE.code, ...offsets, records };
    }),
  }));
  return { response: { throttleTimeMs: 0, errorCode: KafkaError.NONE.code, sessionId: 0, topics }, bytes, hasError };
}

/** Long poll: answer once min_bytes are available, on an error, or when max_wait_ms runs out. */
export function fetchHandler(broker: BrokerContext): Handler<ApiKey.Fetch> {
  return async (request) => {
    const deadline = Date.now() + request.maxWaitMs;
    const keys = request.topics.flatMap((t) => t.partitions.map((p) => AppendNotifier.key(t.topic, p.partition)));
    for (;;) {
      const assembled = assemble(broker, request);
      const remaining = deadline - Date.now();
      if (assembled.bytes >= request.minBytes || assembled.hasError || remaining <= 0 || broker.stopping.aborted || keys.length === 0) {
        return assembled.response;
      }
      await broker.appends.waitForAny(keys, remaining, broker.stopping);
    }
  };
}
