import { Controller, type OnApplicationBootstrap } from '@nestjs/common';
import { failureKindOf, type ErrorCode, storeTransactionSchema, type TopicDefinition, Topics, TouchpointError } from '@touchpoint/contracts';
import { ConsumerRunner, DeadLetters, type MessageContext, TopicProvisioner } from '@touchpoint/kafka';
import { StoreRegistry } from '@touchpoint/store-registry';
import type { KafkaMessage } from 'kafkajs';
import { z } from 'zod';
import { PersonalDataPolicy } from '../personal-data/personal-data-policy';
import { IngestStoreTransactionsCommand } from './ingest-store-transactions.command';
import { IngestStoreTransactionsHandler } from './ingest-store-transactions.handler';

export const POS_CONSUMER_GROUP = 'touchpoint-ingest-pos';

/**
 * tp.pos.transactions.v1 decoded as any JSON value: a transaction that fails its schema is
 * dead-lettered here, with its contact fields hashed, instead of by the consumer runner with
 * its original bytes (which carry the customer's email and phone in clear).
 */
const posTransactionsAsJson: TopicDefinition<z.ZodUnknown> = { ...Topics.posTransactions, schema: z.unknown(), key: () => '' };

const storeIdOf = (value: unknown): string | undefined =>
  typeof value === 'object' && value !== null && 'storeId' in value && typeof value.storeId === 'string' ? value.storeId : undefined;

/**
 * POS systems that publish to Kafka: tp.pos.transactions.v1 is mapped exactly as the HTTP endpoint
 * maps its body; the offset moves only once the event is on tp.events.raw.v1. A transaction that
 * is itself wrong (schema, unknown store) is dead-lettered at once, personal data hashed; a
 * broker that is down makes the partition wait.
 */
@Controller()
export class StoreTransactionsMessageController implements OnApplicationBootstrap {
  constructor(
    private readonly consumers: ConsumerRunner,
    private readonly topics: TopicProvisioner,
    private readonly handler: IngestStoreTransactionsHandler,
    private readonly deadLetters: DeadLetters,
    private readonly stores: StoreRegistry,
    private readonly personalData: PersonalDataPolicy,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.topics.ensure([Topics.posTransactions, Topics.eventsRaw, Topics.deadLetter]);
    await this.consumers.start({ groupId: POS_CONSUMER_GROUP, topic: posTransactionsAsJson, handle: (value, context) => this.handle(value, context) });
  }

  private async handle(value: unknown, context: MessageContext): Promise<void> {
    const parsed = storeTransactionSchema.safeParse(value);
    if (!parsed.success) {
      const where = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
      await this.deadLetter(value, context, 'TP_CONSUMER_SCHEMA_MISMATCH', where);
      return;
    }
    try {
      await this.handler.execute(new IngestStoreTransactionsCommand([parsed.data]));
    } catch (error) {
      if (error instanceof TouchpointError && failureKindOf(error.code) === 'permanent') {
        await this.deadLetter(value, context, error.code, error.message);
        return;
      }
      throw error;
    }
  }

  /** The letter carries the message as it may travel: contact fields hashed (in the store's country), nothing else changed. */
  private async deadLetter(value: unknown, context: MessageContext, code: ErrorCode, reason: string): Promise<void> {
    const storeId = storeIdOf(value);
    const protectedValue = this.personalData.scrub(value, storeId ? this.stores.find(storeId)?.country : undefined);
    const message: KafkaMessage = {
      key: context.key === null ? null : Buffer.from(context.key),
      value: Buffer.from(JSON.stringify(protectedValue)),
      offset: context.offset,
      timestamp: String(Date.now()),
      attributes: 0,
      headers: context.eventId ? { ce_id: context.eventId } : {},
    };
    await this.deadLetters.send({ topic: context.topic, partition: context.partition, message, consumerGroup: POS_CONSUMER_GROUP }, code, new Error(reason));
  }
}
