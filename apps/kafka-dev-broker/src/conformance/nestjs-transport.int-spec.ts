import 'reflect-metadata';
import { Controller, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  type ClientKafkaProxy,
  ClientProxyFactory,
  Ctx,
  EventPattern,
  KafkaContext,
  type KafkaOptions,
  MessagePattern,
  type MicroserviceOptions,
  Payload,
  RpcException,
  Transport,
} from '@nestjs/microservices';
import type { INestMicroservice } from '@nestjs/common';
import { logLevel } from 'kafkajs';
import { firstValueFrom, timeout } from 'rxjs';
import { startTestKafka, type TestKafka, testKafkaKind } from '@touchpoint/kafka-testing';

const EVENTS_TOPIC = 'tp.conformance.events';
const SUM_TOPIC = 'tp.conformance.sum';
const FAIL_TOPIC = 'tp.conformance.fail';
const REPLY_TIMEOUT_MS = 15_000;
const TEST_TIMEOUT_MS = 30_000;

interface OrderEvent {
  readonly orderId: string;
  readonly amount: number;
}

interface SumReply {
  readonly total: number;
  readonly count: number;
}

interface ReceivedEvent {
  readonly key: string | null;
  readonly payload: OrderEvent;
  readonly topic: string;
  readonly traceHeader: string | null;
}

/** Where the controller drops the events it handles, so the test can wait for them. */
@Injectable()
class EventInbox {
  readonly received: ReceivedEvent[] = [];
  private readonly listeners = new Set<() => void>();

  add(event: ReceivedEvent): void {
    this.received.push(event);
    for (const listener of this.listeners) listener();
  }

  waitForCount(count: number, timeoutMs = REPLY_TIMEOUT_MS): Promise<ReceivedEvent[]> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (this.received.length < count) return;
        clearTimeout(timer);
        this.listeners.delete(check);
        resolve(this.received.slice(0, count));
      };
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(new Error(`only ${this.received.length} of ${count} events arrived within ${timeoutMs} ms`));
      }, timeoutMs);
      this.listeners.add(check);
      check();
    });
  }
}

/** Nest's KafkaParser turns keys and header values into strings; older shapes may still be Buffers. */
function text(value: Buffer | string | (Buffer | string)[] | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return Array.isArray(value) ? value.map(String).join(',') : value.toString();
}

@Controller()
class ConformanceController {
  constructor(private readonly inbox: EventInbox) {}

  @EventPattern(EVENTS_TOPIC)
  onOrderEvent(@Payload() payload: OrderEvent, @Ctx() context: KafkaContext): void {
    const message = context.getMessage();
    this.inbox.add({ key: text(message.key), payload, topic: context.getTopic(), traceHeader: text(message.headers?.['trace-id']) });
  }

  // An object rather than a bare number: Nest's Kafka parser only JSON-decodes objects and
  // arrays, so a bare number would reach the caller as a string.
  @MessagePattern(SUM_TOPIC)
  sum(@Payload() numbers: number[]): SumReply {
    return { total: numbers.reduce((total, n) => total + n, 0), count: numbers.length };
  }

  @MessagePattern(FAIL_TOPIC)
  fail(@Payload() reason: string): never {
    throw new RpcException(`refused: ${reason}`);
  }
}

@Module({ controllers: [ConformanceController], providers: [EventInbox] })
class ConformanceModule {}

describe(`@nestjs/microservices Kafka transport against the ${testKafkaKind()}`, () => {
  let broker: TestKafka;
  let app: INestMicroservice;
  let client: ClientKafkaProxy;

  beforeAll(async () => {
    broker = await startTestKafka();
    // Topics exist before anyone subscribes, as a deployment provisions them: Apache Kafka
    // creates topics on a metadata request only eventually, the dev broker at once.
    const admin = broker.kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [EVENTS_TOPIC, SUM_TOPIC, `${SUM_TOPIC}.reply`, FAIL_TOPIC, `${FAIL_TOPIC}.reply`].map((topic) => ({ topic })) });
    await admin.disconnect();
    const kafkaOptions = (groupId: string): KafkaOptions['options'] => ({
      client: { clientId: 'tp-conformance', brokers: [broker.address], logLevel: logLevel.NOTHING, retry: { retries: 5, initialRetryTime: 100 } },
      // Closing waits for the consumer's in-flight long poll; a short one keeps afterAll quick.
      consumer: { groupId, maxWaitTimeInMs: 250 },
      // New groups start at the log end; reading from the beginning keeps a message sent
      // while a consumer is still resolving its first position from being skipped.
      subscribe: { fromBeginning: true },
    });

    app = await NestFactory.createMicroservice<MicroserviceOptions>(ConformanceModule, {
      transport: Transport.KAFKA,
      options: kafkaOptions('tp-conformance-service'),
      logger: false,
    });
    await app.listen();

    client = ClientProxyFactory.create({ transport: Transport.KAFKA, options: kafkaOptions('tp-conformance-caller') });
    client.subscribeToResponseOf(SUM_TOPIC);
    client.subscribeToResponseOf(FAIL_TOPIC);
    await client.connect();
  }, 60_000);

  afterAll(async () => {
    await client?.close();
    await app?.close();
    await broker?.dispose();
  }, 30_000);

  it('delivers emitted events to the @EventPattern handler with their key, payload and headers', async () => {
    const events: OrderEvent[] = [
      { orderId: 'o-1', amount: 10 },
      { orderId: 'o-2', amount: 25 },
      { orderId: 'o-3', amount: 7 },
    ];
    for (const event of events) {
      await firstValueFrom(client.emit(EVENTS_TOPIC, { key: `order-${event.orderId}`, value: event, headers: { 'trace-id': `trace-${event.orderId}` } }));
    }

    const received = await app.get(EventInbox).waitForCount(events.length);

    expect(received).toEqual(
      events.map((event) => ({ key: `order-${event.orderId}`, payload: event, topic: EVENTS_TOPIC, traceHeader: `trace-${event.orderId}` })),
    );
  }, TEST_TIMEOUT_MS);

  it('answers @MessagePattern requests through the .reply topic', async () => {
    // connect() returns once the caller's reply consumer is a stable group member: Nest
    // stamps each request with the reply partition that member was assigned.
    const admin = broker.kafka.admin();
    await admin.connect();
    const { groups } = await admin.describeGroups(['tp-conformance-caller-client']).finally(() => admin.disconnect());
    expect(groups).toEqual([expect.objectContaining({ state: 'Stable', members: [expect.objectContaining({ clientId: 'tp-conformance-client' })] })]);

    const reply = await firstValueFrom(client.send<SumReply, number[]>(SUM_TOPIC, [1, 2, 3, 4]).pipe(timeout(REPLY_TIMEOUT_MS)));

    expect(reply).toEqual({ total: 10, count: 4 });
  }, TEST_TIMEOUT_MS);

  it('routes concurrent replies back to the request that asked', async () => {
    const requests = Array.from({ length: 8 }, (_, i) => Array.from({ length: i + 1 }, (_, j) => j * 10 + i));

    const replies = await Promise.all(
      requests.map((numbers) => firstValueFrom(client.send<SumReply, number[]>(SUM_TOPIC, numbers).pipe(timeout(REPLY_TIMEOUT_MS)))),
    );

    expect(replies).toEqual(requests.map((numbers) => ({ total: numbers.reduce((a, b) => a + b, 0), count: numbers.length })));
  }, TEST_TIMEOUT_MS);

  it('propagates a handler error to the caller', async () => {
    const reply = firstValueFrom(client.send<never, string>(FAIL_TOPIC, 'no stock').pipe(timeout(REPLY_TIMEOUT_MS)));

    await expect(reply).rejects.toEqual(expect.objectContaining({ message: 'refused: no stock' }));
  }, TEST_TIMEOUT_MS);
});
