import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { type Env, loadServiceConfig } from '@touchpoint/config';
import { type JourneyTransitionV2, type ProfilesMerged, type ProfilesUnmerged, type ResolvedEvent, Topics } from '@touchpoint/contracts';
import { EventPublisher } from '@touchpoint/kafka';
import { freePort, waitFor } from '@touchpoint/kafka-testing';
import { createTestDatabase, runMigrations, type TestDatabase } from '@touchpoint/persistence';
import { bootstrapService } from '@touchpoint/service-runtime';
import { TopicWatcher } from '@touchpoint/system-harness';
import Redis from 'ioredis';
import { JourneyAppModule } from '../app/journey-app.module';
import { journeyDataSourceOptions } from '../persistence/journey-data-source';
import { TEST_DEFINITIONS_FILE } from './test-definitions';

export const TEST_READ_TOKEN = 'journey-spec-read-token-0123456789';
const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';
const LOCAL_REDIS = 'redis://127.0.0.1:6379/0';

/** A database of its own, migrated by the journey's real migration command. */
export function createJourneyDatabase(label: string): Promise<TestDatabase> {
  return createTestDatabase(LOCAL_POSTGRES, `journey_${label}`, (url) => runMigrations(journeyDataSourceOptions(url)));
}

export interface JourneyInstance {
  readonly app: INestApplication;
  readonly url: string;
  stop(): Promise<void>;
}

export interface JourneyOptions {
  readonly brokers: string;
  readonly databaseUrl: string;
  readonly redisUrl?: string;
  readonly keyPrefix: string;
  readonly env?: Env;
}

/** The environment of a journey under test, the same whether it runs in this process or as its own. */
export function journeyEnv(options: JourneyOptions, port: number): Record<string, string> {
  const env: Record<string, string> = {
    KAFKA_BROKERS: options.brokers,
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl ?? LOCAL_REDIS,
    REDIS_KEY_PREFIX: options.keyPrefix,
    JOURNEY_HTTP_PORT: String(port),
    ACCESS_READ_TOKENS: TEST_READ_TOKEN,
    LOG_LEVEL: 'warn',
    JOURNEY_DEFINITIONS_FILE: TEST_DEFINITIONS_FILE,
    JOURNEY_TIMER_POLL_MS: '100',
    JOURNEY_OUTBOX_SWEEP_MS: '200',
  };
  // An undefined override unsets the default, as it would in a real environment.
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

/** One journey service in this process, over HTTP like the real one, on the given Kafka, database and Redis. */
export async function startJourney(options: JourneyOptions): Promise<JourneyInstance> {
  const port = await freePort();
  const config = loadServiceConfig('journey', journeyEnv(options, port));
  const app = await bootstrapService({ module: JourneyAppModule.forRoot(config), config });
  return { app, url: `http://127.0.0.1:${port}`, stop: () => app.close() };
}

/** Publishes inputs the way identity does, and watches what journey says. */
export class JourneyTopics {
  readonly watcher: TopicWatcher;

  constructor(
    private readonly publisher: EventPublisher,
    brokers: string,
    /** The Redis key prefix the journey under test uses: its keys are deleted on stop. */
    private readonly keyPrefix: string,
  ) {
    this.watcher = new TopicWatcher([brokers]);
  }

  start(): Promise<void> {
    return this.watcher.start([Topics.journeyTransitions.name]);
  }

  async resolved(events: readonly ResolvedEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.publisher.publish(Topics.eventsResolved, events.map((value) => ({ id: value.event.messageId, value })));
  }

  async merged(merge: ProfilesMerged): Promise<void> {
    await this.publisher.publish(Topics.identityMerged, [{ id: merge.mergeId, value: merge }]);
  }

  async unmerged(unmerge: ProfilesUnmerged): Promise<void> {
    await this.publisher.publish(Topics.identityUnmerged, [{ id: unmerge.unmergeId, value: unmerge }]);
  }

  transitionsOf(profileId: string): JourneyTransitionV2[] {
    return this.watcher.all<JourneyTransitionV2>(Topics.journeyTransitions.name, (t) => t.profileId === profileId).map((m) => m.value);
  }

  /**
   * Which of the profiles journey has told about the product. A profile's transitions are
   * published in commit order on its partition, so once the one naming a marker product is
   * seen, every transition committed before it has been published too.
   */
  toldAbout(productId: string, profileIds: readonly string[]): Set<string> {
    const wanted = new Set(profileIds);
    const told = new Set<string>();
    for (const { value } of this.watcher.all<JourneyTransitionV2>(Topics.journeyTransitions.name)) {
      if (wanted.has(value.profileId) && value.products.some((p) => p.productId === productId)) told.add(value.profileId);
    }
    return told;
  }

  async stop(): Promise<void> {
    await this.watcher.stop();
    const redis = new Redis(LOCAL_REDIS);
    try {
      const keys = await redis.keys(`${this.keyPrefix}*`);
      if (keys.length > 0) await redis.del(...keys);
    } finally {
      await redis.quit();
    }
  }
}

export async function getJson<T>(url: string, token: string | null = TEST_READ_TOKEN): Promise<{ status: number; body: T; location: string | null }> {
  const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {}, redirect: 'manual' });
  return { status: response.status, body: (await response.json()) as T, location: response.headers.get('location') };
}

/** Polls until `check` holds (a positive condition, never an absence); the failure shows the last value seen. */
export async function eventually<T>(probe: () => Promise<T>, check: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  let last: T | undefined;
  try {
    return await waitFor(async () => {
      last = await probe();
      return check(last) ? last : undefined;
    }, what, timeoutMs);
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}; last seen: ${JSON.stringify(last).slice(0, 2000)}`);
  }
}
