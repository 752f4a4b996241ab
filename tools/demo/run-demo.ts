/**
 * `npm run demo`: runs Touchpoint on the embedded defaults and plays the product story for
 * a few customers, printing each step as it happens with its measured latency.
 *
 * Kafka: the embedded dev broker on 127.0.0.1:9092 unless KAFKA_BROKERS is set.
 * PostgreSQL and Redis: DATABASE_URL and REDIS_URL (defaults: local, database "touchpoint").
 */
import { ConfigError, envPort, loadDevBrokerConfig, loadKafkaClientConfig, loadServiceConfig, parseEnv, processEnv, type ServiceName, type WriteKeyKind, type WriteKeySource } from '@touchpoint/config';
import { Topics } from '@touchpoint/contracts';
import { z } from 'zod';
import { type CustomerPlan, HARNESS_READ_TOKEN, IngestClient, type IngestWriteKeys, playCustomerStory, type RunningSystem, serviceNames, startSystem, type StoryOutcome, TopicWatcher } from '@touchpoint/system-harness';

const stamp = (): string => new Date().toISOString().slice(11, 23);
const print = (text: string): void => console.log(`${stamp()}  ${text}`);

const customers: readonly CustomerPlan[] = [
  { name: 'sanne', buys: 'store', returnsInStore: true },
  { name: 'ahmed', buys: 'online', returnsInStore: false },
  { name: 'li', buys: 'store', returnsInStore: false },
];

/** The first configured key of each kind the story needs: a site's for its Segment calls, a till's for its sales. */
function demoWriteKeys(keys: ReadonlyMap<string, WriteKeySource>): IngestWriteKeys {
  const firstOf = (kinds: readonly WriteKeyKind[]) => [...keys].find(([, source]) => kinds.includes(source.kind))?.[0];
  const segment = firstOf(['web', 'app']);
  const store = firstOf(['pos']);
  if (!segment || !store) throw new Error('INGEST_WRITE_KEYS needs a web (or app) key and a pos key for the demo, e.g. web:SITE_KEY,pos:TILL_KEY (or leave it unset)');
  return { segment, store };
}

async function main(): Promise<void> {
  const env = processEnv();
  const kafka = loadKafkaClientConfig(env);
  const broker = loadDevBrokerConfig(env);
  const configs = Object.fromEntries(serviceNames.map((name) => [name, loadServiceConfig(name, env)])) as Record<ServiceName, ReturnType<typeof loadServiceConfig>>;
  const shared = configs.ingest;
  const writeKeys = demoWriteKeys(shared.ingest.writeKeys);
  const explorerPort = parseEnv(z.object({ EXPLORER_HTTP_PORT: envPort.default(8084) }), env, (v) => v.EXPLORER_HTTP_PORT);

  print(kafka.brokers ? `Kafka: ${kafka.brokers.join(', ')}` : `Kafka: embedded dev broker on ${broker.listen.host}:${broker.listen.port} (data in ${broker.storage.dataDir})`);
  print(`PostgreSQL: ${shared.database.url}   Redis: ${shared.redis.url}`);
  print('starting migrations and the four services ...');
  let system: RunningSystem;
  try {
    system = await startSystem({
      kafkaBrokers: kafka.brokers,
      brokerPort: broker.listen.port,
      brokerDataDir: broker.storage.dataDir,
      databaseUrl: shared.database.url,
      redisUrl: shared.redis.url,
      ports: Object.fromEntries(serviceNames.map((name) => [name, configs[name].http.port])),
      explorer: { port: explorerPort },
      logLevel: 'warn',
      // Read by a person: one line per entry rather than JSON, unless LOG_FORMAT says otherwise.
      extraEnv: { LOG_FORMAT: env['LOG_FORMAT'] || 'pretty' },
      onLine: (service, line) => {
        if (/error|fail/i.test(line)) print(`[${service}] ${line}`);
      },
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new Error(`port ${broker.listen.port} is taken: stop what listens there, set KAFKA_DEV_BROKER_PORT, or point KAFKA_BROKERS at a running Kafka`);
    }
    throw error;
  }
  for (const name of serviceNames) print(`${name.padEnd(14)} ready at ${system.urls[name]}`);
  print(`${'explorer'.padEnd(14)} ready at ${system.explorerUrl ?? '?'}   (journey explorer page; access token ${HARNESS_READ_TOKEN})`);

  let watcher: TopicWatcher | null = null;
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    print('stopping ...');
    await watcher?.stop();
    await system.stop();
    print('stopped');
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());

  watcher = new TopicWatcher(system.kafkaBrokers);
  await watcher.start([Topics.eventsResolved.name, Topics.journeyTransitions.name, Topics.recommendations.name]);
  const activeWatcher = watcher;
  const ingest = new IngestClient(system.urls.ingest, writeKeys);

  const outcomes: StoryOutcome[] = [];
  for (const plan of customers) {
    console.log('');
    print(`--- ${plan.name}: carts the jacket online, buys it ${plan.buys === 'store' ? 'in a store with her loyalty card' : 'online'}${plan.returnsInStore ? ', then returns it in a store' : ''}`);
    outcomes.push(
      await playCustomerStory(plan, ingest, activeWatcher, (step) =>
        print(`[${step.customer}] ${step.text}${step.latencyMs !== undefined ? `  (${step.latencyMs} ms)` : ''}`),
      ),
    );
  }

  console.log('');
  for (const outcome of outcomes) print(`${outcome.customer.padEnd(6)} purchase -> retargeting.stopped: ${outcome.purchaseToStopMs} ms`);
  const slowest = Math.max(...outcomes.map((o) => o.purchaseToStopMs));
  print(`slowest purchase -> retargeting.stopped: ${slowest} ms ${slowest < 1000 ? '(within the 1 s promise)' : '(over the 1 s promise)'}`);
  print(`the system keeps running; try: curl -H 'authorization: Bearer ${HARNESS_READ_TOKEN}' ${system.urls.recommendation}/v1/profiles/${outcomes[0].profileId}/recommendations   (Ctrl-C to stop)`);
  print(`  what platforms were told and why: curl -H 'authorization: Bearer ${HARNESS_READ_TOKEN}' ${system.urls.recommendation}/v1/profiles/${outcomes[0].profileId}/decisions`);
  print(`  or open the journey explorer at ${system.explorerUrl ?? '?'}, give it the token ${HARNESS_READ_TOKEN} and search for loyalty card ${outcomes[0].loyaltyId}`);
  print(`  her journey and its timeline: curl -H 'authorization: Bearer ${HARNESS_READ_TOKEN}' ${system.urls.journey}/v1/profiles/${outcomes[0].profileId}/journey   (and .../timeline)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
