import { Controller, type OnApplicationBootstrap } from '@nestjs/common';
import { Topics } from '@touchpoint/contracts';
import { ConsumerRunner, TopicProvisioner } from '@touchpoint/kafka';
import { IngestStoreTransactionsCommand } from './ingest-store-transactions.command';
import { IngestStoreTransactionsHandler } from './ingest-store-transactions.handler';

export const POS_CONSUMER_GROUP = 'touchpoint-ingest-pos';

/**
 * Rides out a broker hiccup or a concurrent HTTP upload of the same transaction (in flight for at
 * most the 5 s acknowledgement deadline): 100 ms, 0.4 s, 1.6 s and 6.4 s apart before dead-lettering.
 */
const MAX_ATTEMPTS = 5;

/**
 * POS systems that publish to Kafka: tp.pos.transactions.v1 is mapped exactly as the HTTP endpoint
 * maps its body; the offset moves only once the event is on tp.events.raw.v1.
 */
@Controller()
export class StoreTransactionsMessageController implements OnApplicationBootstrap {
  constructor(
    private readonly consumers: ConsumerRunner,
    private readonly topics: TopicProvisioner,
    private readonly handler: IngestStoreTransactionsHandler,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.topics.ensure([Topics.posTransactions, Topics.eventsRaw, Topics.deadLetter]);
    await this.consumers.start({
      groupId: POS_CONSUMER_GROUP,
      topic: Topics.posTransactions,
      maxAttempts: MAX_ATTEMPTS,
      handle: async (transaction) => {
        await this.handler.execute(new IngestStoreTransactionsCommand([transaction]));
      },
    });
  }
}
