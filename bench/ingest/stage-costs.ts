/**
 * CPU cost per event of each step ingest takes for a /v1/batch request, in this one process
 * (no HTTP, no broker, no Redis): what the end-to-end bench cannot split. Same batches as the
 * load generator sends.
 *
 *   SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register bench/ingest/stage-costs.ts [--batches=1000]
 */
import { Topics } from '@touchpoint/contracts';
import { cloudEventHeaders } from '../../libs/kafka/src/lib/cloud-events';
import { PersonalDataHasher } from '@touchpoint/personal-data';
import { normalizeSegmentMessage } from '../../apps/ingest/src/ingest-segment-messages/normalize-segment-message';
import { PersonalDataPolicy } from '../../apps/ingest/src/personal-data/personal-data-policy';
import { messageBytes } from '../../apps/ingest/src/validation/payload-limits';
import { intSetting } from '../shared/settings';
import { batchBody, EVENTS_PER_BATCH } from './workload';

const policy = new PersonalDataPolicy({ hasher: new PersonalDataHasher('stage-costs-hash-secret-0123'), defaultPhoneRegion: null, traitAllowList: [] });
const protect = (message: Record<string, unknown>): Record<string, unknown> => policy.protectSegmentMessage(message);

let total = 0;

function report(label: string, micros: number, counted = true): void {
  if (counted) total += micros;
  console.log(`  ${label.padEnd(52)}${micros.toFixed(1).padStart(8)} µs/event`);
}

/** Microseconds of CPU per event for `step` over every batch, after a warm-up round. */
function costPerEvent<T>(label: string, inputs: readonly T[], step: (input: T) => unknown, counted = true): void {
  for (const input of inputs) step(input);
  const started = process.cpuUsage();
  for (const input of inputs) step(input);
  const used = process.cpuUsage(started);
  report(label, (used.user + used.system) / (inputs.length * EVENTS_PER_BATCH), counted);
}

/** kafkajs's own Produce request encoder (what `producer.send` runs per request), for the record encoding cost. */
type ProduceRequest = (request: unknown) => { encode(): Promise<{ buffer: Buffer }> };
// kafkajs's internal module, read here only to measure what a send costs; the services use its public API.
const produceV3 = (request: unknown) => (require('kafkajs/src/protocol/requests/produce/v3/request') as ProduceRequest)(request);

async function costPerEventAsync<T>(label: string, inputs: readonly T[], step: (input: T) => Promise<unknown>): Promise<void> {
  for (const input of inputs) await step(input);
  const started = process.cpuUsage();
  for (const input of inputs) await step(input);
  const used = process.cpuUsage(started);
  report(label, (used.user + used.system) / (inputs.length * EVENTS_PER_BATCH));
}

async function main(): Promise<void> {
  const batches = intSetting('batches', 'BENCH_STAGE_BATCHES', 300, 10);
  const bodies = Array.from({ length: batches }, () => batchBody());
  const parsed = bodies.map((body) => JSON.parse(body) as { batch: Record<string, unknown>[]; sentAt: string });
  const receivedAt = new Date();
  const normalized = parsed.map((request) =>
    request.batch.map((message) => {
      const result = normalizeSegmentMessage(message, receivedAt, { sentAt: request.sentAt }, protect);
      if (!result.ok) throw new Error(JSON.stringify(result.issues));
      return result.message;
    }),
  );
  console.log(`ingest steps, ${batches} batches of ${EVENTS_PER_BATCH} events, CPU per event:`);
  costPerEvent('JSON.parse of the body', bodies, (body) => JSON.parse(body));
  costPerEvent('size check (messageBytes)', parsed, (request) => request.batch.map(messageBytes));
  costPerEvent('normalize (incoming schema, protect, topic schema)', parsed, (request) =>
    request.batch.map((message) => normalizeSegmentMessage(message, receivedAt, { sentAt: request.sentAt }, protect)),
  );
  costPerEvent('  of which: protect (personal data policy)', parsed, (request) => request.batch.map(protect), false);
  // EventPublisher skips it for ingest's events (`parsed: true`): shown, not counted.
  costPerEvent('(topic schema parse again, now skipped)', normalized, (events) => events.map((event) => Topics.eventsRaw.schema.parse(event)), false);
  costPerEvent('JSON.stringify of the value', normalized, (events) => events.map((event) => JSON.stringify(event)));
  costPerEvent('CloudEvents headers', normalized, (events) =>
    events.map((event) =>
      cloudEventHeaders({ id: event.messageId, type: 'io.touchpoint.event.raw.v1', source: 'ingest', time: event.timestamp, traceId: 'a'.repeat(32), acceptedAt: 1 }),
    ),
  );
  const messages = normalized.map((events) =>
    events.map((event) => ({
      key: Topics.eventsRaw.key(event),
      value: JSON.stringify(event),
      headers: cloudEventHeaders({ id: event.messageId, type: 'io.touchpoint.event.raw.v1', source: 'ingest', time: event.timestamp, traceId: 'a'.repeat(32), acceptedAt: 1 }),
    })),
  );
  await costPerEventAsync('kafkajs Produce request encoding', messages, (batch) =>
    produceV3({ acks: -1, timeout: 30_000, topicData: [{ topic: Topics.eventsRaw.name, partitions: [{ partition: 0, firstSequence: 0, messages: batch }] }] }).encode(),
  );
  report('total of the counted steps (one core: 1e6 / total events/s)', total, false);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
