import { Injectable } from '@nestjs/common';
import { ReadinessProbe } from '@touchpoint/service-runtime';
import { RedisClient } from './redis-client';

@Injectable()
export class RedisReadinessProbe extends ReadinessProbe {
  readonly name = 'redis';

  constructor(private readonly client: RedisClient) {
    super();
  }

  check(): Promise<void> {
    return this.client.ping();
  }
}
