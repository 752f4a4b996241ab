import { type ResolvedEvent, Topics } from '@touchpoint/contracts';
import type { Kafka } from 'kafkajs';

const T0 = Date.parse('2026-10-01T00:00:00.000Z');
const products = ['jacket-42', 'gloves-7', 'scarf-7', 'boots-11', 'hat-3', 'bag-9'];

export const profileIdOf = (index: number): string => `b0000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;

/** The i-th event of a profile: views, cart adds, now and then an order, one minute apart. */
function eventOf(profile: number, i: number): ResolvedEvent {
  const product = products[(profile + i) % products.length] ?? 'jacket-42';
  const at = new Date(T0 + i * 60_000 + profile).toISOString();
  const kind = i % 10 === 9 ? 'Order Completed' : i % 3 === 2 ? 'Product Added' : 'Product Viewed';
  const properties = kind === 'Order Completed' ? { order_id: `o-${profile}-${i}`, currency: 'EUR', products: [{ product_id: product, quantity: 1, price: 40 }] } : { product_id: product, price: 40, quantity: 1 };
  return {
    profileId: profileIdOf(profile),
    identifiers: [{ type: 'anonymousId', value: `anon-${profile}` }],
    event: { type: 'track', messageId: `m-${profile}-${i}`, anonymousId: `anon-${profile}`, event: kind, properties, context: { channel: 'web' }, timestamp: at, receivedAt: at } as ResolvedEvent['event'],
  };
}

/**
 * Writes `total` resolved events for `profiles` profiles, round-robin, keyed by profile id as
 * identity keys them, onto a topic of `partitions` partitions; profile 0 is the one rebuilt.
 */
export async function writeEvents(kafka: Kafka, total: number, profiles: number, partitions: number, report: (line: string) => void): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic: Topics.eventsResolved.name, numPartitions: partitions, configEntries: [{ name: 'retention.ms', value: '-1' }] }] });
  } finally {
    await admin.disconnect();
  }
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const started = Date.now();
  try {
    const BATCH = 5_000;
    const IN_FLIGHT = 4;
    let sent = 0;
    const inFlight = new Set<Promise<void>>();
    for (let offset = 0; offset < total; offset += BATCH) {
      const messages = [];
      for (let n = offset; n < Math.min(total, offset + BATCH); n++) {
        const profile = n % profiles;
        const value = eventOf(profile, Math.floor(n / profiles));
        messages.push({ key: value.profileId, value: JSON.stringify(value), timestamp: String(Date.parse(value.event.timestamp)) });
      }
      const send = producer.send({ topic: Topics.eventsResolved.name, acks: 1, messages }).then(() => {
        sent += messages.length;
        inFlight.delete(send);
      });
      inFlight.add(send);
      if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
      if (offset % 200_000 === 0 && offset > 0) report(`written ${sent} events`);
    }
    await Promise.all(inFlight);
    report(`wrote ${total} events for ${profiles} profiles in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await producer.disconnect();
  }
}
