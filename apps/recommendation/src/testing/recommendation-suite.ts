import { Topics } from '@touchpoint/contracts';
import { startTestKafka, type TestKafka } from '@touchpoint/kafka-testing';
import type { TestDatabase } from '@touchpoint/persistence';
import { TopicWatcher } from '@touchpoint/system-harness';
import { recommendationDatabase, type RecommendationUnderTest, startRecommendation } from './recommendation-under-test';

export interface RecommendationSuite {
  broker: TestKafka;
  database: TestDatabase;
  service: RecommendationUnderTest;
  /** Follows tp.recommendations.v2 (and the state topic) from the start of the suite. */
  watcher: TopicWatcher;
}

/**
 * Recommendation on the broker of this pass and a database of its own for one spec file,
 * started before its tests and torn down after them.
 */
export function recommendationSuite(label: string, options: { readonly env?: Record<string, string>; readonly partitions?: number } = {}): RecommendationSuite {
  const suite = {} as RecommendationSuite;
  beforeAll(async () => {
    suite.broker = await startTestKafka(options.partitions ? { defaultPartitions: options.partitions } : {});
    suite.database = await recommendationDatabase(label);
    suite.service = await startRecommendation({ brokers: suite.broker.address, databaseUrl: suite.database.url, env: options.env });
    suite.watcher = new TopicWatcher([suite.broker.address]);
    await suite.watcher.start([Topics.recommendations.name, Topics.recommendationsState.name]);
  }, 90_000);
  afterAll(async () => {
    await suite.watcher?.stop();
    await suite.service?.close();
    await suite.database?.drop();
    await suite.broker?.dispose();
  });
  return suite;
}
