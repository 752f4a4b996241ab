import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { REDIS_MODULE_OPTIONS, type RedisModuleOptions } from './redis.module-definition';

/**
 * The service's Redis connection, opened on first use. Redis is a cache here: callers
 * treat a failure as a miss where they can, never as lost data.
 */
@Injectable()
export class RedisClient implements OnModuleDestroy {
  private client: Redis | null = null;
  private readonly logger = new Logger(RedisClient.name);

  constructor(@Inject(REDIS_MODULE_OPTIONS) private readonly options: RedisModuleOptions) {}

  get redis(): Redis {
    if (!this.client) {
      this.client = new Redis(this.options.url, {
        keyPrefix: this.options.keyPrefix,
        maxRetriesPerRequest: 2,
        enableOfflineQueue: true,
        lazyConnect: false,
      });
      this.client.on('error', (error: Error) => this.logger.warn(`redis: ${error.message}`));
    }
    return this.client;
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }

  async onModuleDestroy(): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.client = null;
    // quit() waits for a connection that may never come; a client that is not ready just stops reconnecting.
    if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
    else client.disconnect();
  }
}
