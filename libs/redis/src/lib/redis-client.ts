import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { REDIS_MODULE_OPTIONS, type RedisModuleOptions } from './redis.module-definition';

/**
 * A Redis that accepts connections but never answers (a network partition, a black-holed
 * address) would leave a command waiting forever; past this it fails with "Command timed out",
 * which consumers recognise as a dependency being unavailable and wait out.
 */
const COMMAND_TIMEOUT_MS = 5_000;

/**
 * The service's Redis connection, opened on first use. Redis is a cache here: callers
 * treat a failure as a miss where they can, never as lost data.
 */
@Injectable()
export class RedisClient implements OnApplicationShutdown {
  private client: Redis | null = null;
  private readonly logger = new Logger(RedisClient.name);

  constructor(@Inject(REDIS_MODULE_OPTIONS) private readonly options: RedisModuleOptions) {}

  get redis(): Redis {
    if (!this.client) {
      this.client = new Redis(this.options.url, {
        keyPrefix: this.options.keyPrefix,
        maxRetriesPerRequest: 2,
        enableOfflineQueue: true,
        commandTimeout: COMMAND_TIMEOUT_MS,
        lazyConnect: false,
      });
      this.client.on('error', (error: Error) => this.logger.warn(`redis: ${error.message}`));
    }
    return this.client;
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }

  /** After every module's destroy hook: a Kafka consumer draining at shutdown still reaches Redis. */
  async onApplicationShutdown(): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.client = null;
    // quit() waits for a connection that may never come; a client that is not ready just stops reconnecting.
    if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
    else client.disconnect();
  }
}
