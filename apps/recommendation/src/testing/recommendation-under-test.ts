import 'reflect-metadata';
import path from 'node:path';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadServiceConfig } from '@touchpoint/config';
import { type JourneyTransitionV2, Topics } from '@touchpoint/contracts';
import { EventPublisher } from '@touchpoint/kafka';
import { workspaceRoot } from '@touchpoint/kafka-testing';
import { createTestDatabase, runMigrations, type TestDatabase } from '@touchpoint/persistence';
import { RecommendationAppModule } from '../app/recommendation-app.module';
import { acceptCatalogBodies } from '../http/catalog-body.parser';
import { recommendationDataSourceOptions } from '../persistence/recommendation-data-source';

const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_READ_TOKEN = 'tp_test_read_token';
export const TEST_ADMIN_TOKEN = 'tp_test_admin_token';

/** A fresh recommendation database, migrated by the service's own migration command. */
export function recommendationDatabase(label: string): Promise<TestDatabase> {
  return createTestDatabase(LOCAL_POSTGRES, `recommendation_${label}`, (url) => runMigrations(recommendationDataSourceOptions(url)));
}

export interface RecommendationUnderTest {
  readonly app: NestFastifyApplication;
  /** GET with the read token. */
  get(url: string): Promise<{ statusCode: number; json(): unknown }>;
  /** POST with the admin token. */
  postAdmin(url: string, body: string, contentType: string): Promise<{ statusCode: number; json(): unknown }>;
  publishTransitions(...transitions: JourneyTransitionV2[]): Promise<void>;
  close(): Promise<void>;
}

/** Recommendation in this process, on a real broker and Postgres, its HTTP API injectable. */
export async function startRecommendation(options: {
  readonly brokers: string;
  readonly databaseUrl: string;
  readonly sweepMs?: number;
  readonly env?: Record<string, string>;
}): Promise<RecommendationUnderTest> {
  const config = loadServiceConfig('recommendation', {
    KAFKA_BROKERS: options.brokers,
    DATABASE_URL: options.databaseUrl,
    ACCESS_READ_TOKENS: TEST_READ_TOKEN,
    RECOMMENDATION_OUTBOX_SWEEP_MS: String(options.sweepMs ?? 500),
    RECOMMENDATION_CATALOG_SEED_FILE: path.join(workspaceRoot(), 'config/catalog.demo.json'),
    ACCESS_ADMIN_TOKENS: TEST_ADMIN_TOKEN,
    LOG_LEVEL: 'warn',
    ...options.env,
  });
  const app = await NestFactory.create<NestFastifyApplication>(RecommendationAppModule.forRoot(config), new FastifyAdapter(), { logger: ['error'] });
  app.enableShutdownHooks();
  acceptCatalogBodies(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    get: async (url) => {
      const response = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url, headers: { authorization: `Bearer ${TEST_READ_TOKEN}` } });
      return { statusCode: response.statusCode, json: () => response.json() as unknown };
    },
    postAdmin: async (url, body, contentType) => {
      const response = await app.getHttpAdapter().getInstance().inject({ method: 'POST', url, payload: body, headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': contentType } });
      return { statusCode: response.statusCode, json: () => response.json() as unknown };
    },
    publishTransitions: async (...transitions) => {
      await app.get(EventPublisher).publish(
        Topics.journeyTransitions,
        transitions.map((value) => ({ id: value.transitionId, value })),
      );
    },
    close: () => app.close(),
  };
}
