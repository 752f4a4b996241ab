import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import pino from 'pino';
import { AppendNotifier } from './append-notifier';
import type { BrokerContext } from './broker-context';
import { lockDataDir } from './data-dir-lock';
import { DEFAULT_SEGMENT_BYTES, type DevBrokerOptions, type ResolvedDevBrokerOptions, SEVEN_DAYS_MS } from './dev-broker-options';
import { GroupCoordinator } from './groups/group-coordinator';
import { createHandlerMap } from './handlers/handler-map';
import { BrokerConnection } from './network/broker-connection';
import { RequestDispatcher } from './network/request-dispatcher';
import { ProducerState } from './producers/producer-state';
import { LogCleaner } from './storage/log-cleaner';
import { TopicStore } from './storage/topic-store';

export interface DevBroker {
  readonly host: string;
  readonly port: number;
  /** host:port, ready for KAFKA_BROKERS or a kafkajs `brokers` list. */
  readonly address: string;
  readonly dataDir: string;
  stop(): Promise<void>;
}

function resolveOptions(options: DevBrokerOptions): ResolvedDevBrokerOptions {
  const host = options.host ?? '127.0.0.1';
  return {
    port: options.port ?? 9092,
    host,
    advertisedHost: options.advertisedHost ?? null,
    dataDir: path.resolve(options.dataDir),
    autoCreateTopics: options.autoCreateTopics ?? true,
    defaultPartitions: options.defaultPartitions ?? 1,
    segmentBytes: options.segmentBytes ?? DEFAULT_SEGMENT_BYTES,
    retentionMs: options.retentionMs ?? SEVEN_DAYS_MS,
    retentionBytes: options.retentionBytes ?? -1,
    retentionCheckIntervalMs: options.retentionCheckIntervalMs ?? 60_000,
    cleanerIntervalMs: options.cleanerIntervalMs ?? 15_000,
    maxMessageBytes: options.maxMessageBytes ?? 1_048_588,
    maxRequestBytes: options.maxRequestBytes ?? 104_857_600,
    groupInitialRebalanceDelayMs: options.groupInitialRebalanceDelayMs ?? 0,
    groupMinSessionTimeoutMs: options.groupMinSessionTimeoutMs ?? 1_000,
    groupMaxSessionTimeoutMs: options.groupMaxSessionTimeoutMs ?? 1_800_000,
    fsyncOnAck: options.fsyncOnAck ?? false,
    logger: options.logger ?? pino({ name: 'kafka-dev-broker' }),
  };
}

/**
 * Starts a single-node broker speaking the Kafka wire protocol on `host:port`, with its
 * log in `dataDir`. Data already in `dataDir` (from an earlier run, even one killed with
 * SIGKILL) is recovered before the port opens.
 */
export async function startDevBroker(options: DevBrokerOptions): Promise<DevBroker> {
  const resolved = resolveOptions(options);
  const { logger, dataDir } = resolved;
  fs.mkdirSync(dataDir, { recursive: true });
  const unlock = lockDataDir(dataDir);

  const producers = new ProducerState(dataDir);
  const topics = new TopicStore(
    dataDir,
    {
      retentionMs: resolved.retentionMs,
      retentionBytes: resolved.retentionBytes,
      segmentBytes: resolved.segmentBytes,
      maxMessageBytes: resolved.maxMessageBytes,
    },
    (topic, partition, header) => producers.record(topic, partition, header, header.baseOffset),
  );
  const groups = new GroupCoordinator(
    dataDir,
    {
      initialRebalanceDelayMs: resolved.groupInitialRebalanceDelayMs,
      minSessionTimeoutMs: resolved.groupMinSessionTimeoutMs,
      maxSessionTimeoutMs: resolved.groupMaxSessionTimeoutMs,
    },
    logger,
  );
  try {
    topics.load();
    groups.load();
  } catch (error) {
    unlock();
    throw error;
  }

  const stopping = new AbortController();
  const server = net.createServer();
  let boundPort = resolved.port;
  const context: BrokerContext = {
    options: resolved,
    topics,
    producers,
    groups,
    appends: new AppendNotifier(),
    port: () => boundPort,
    stopping: stopping.signal,
  };
  const dispatcher = new RequestDispatcher(createHandlerMap(context), logger);
  const connections = new Set<BrokerConnection>();
  server.on('connection', (socket) => {
    const connection = new BrokerConnection(socket, dispatcher, resolved.maxRequestBytes, logger);
    connections.add(connection);
    socket.on('close', () => connections.delete(connection));
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(resolved.port, resolved.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    groups.close();
    topics.close();
    unlock();
    throw error;
  }
  boundPort = (server.address() as AddressInfo).port;

  const retention = setInterval(() => {
    const removed = topics.applyRetention(Date.now());
    if (removed > 0) logger.info({ segments: removed }, 'retention removed old segments');
  }, resolved.retentionCheckIntervalMs);
  retention.unref();

  const cleaner = new LogCleaner(logger);
  const cleaning = setInterval(() => {
    const run = cleaner.run(topics.partitions(), Date.now());
    if (run.partitionsCleaned > 0) logger.info(run, 'log cleaner compacted partitions');
  }, resolved.cleanerIntervalMs);
  cleaning.unref();

  // The address handed to callers in-process; clients over the network are told per connection.
  const reachableHost = resolved.advertisedHost ?? (resolved.host === '0.0.0.0' || resolved.host === '::' ? '127.0.0.1' : resolved.host);
  const address = `${reachableHost}:${boundPort}`;
  logger.info({ address, dataDir, topics: topics.list().length }, `Kafka dev broker listening on ${address}, data in ${dataDir}`);

  let stopped: Promise<void> | null = null;
  return {
    host: reachableHost,
    port: boundPort,
    address,
    dataDir,
    stop() {
      stopped ??= (async () => {
        clearInterval(retention);
        clearInterval(cleaning);
        stopping.abort();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const connection of connections) connection.destroy();
        await closed;
        groups.close();
        topics.close();
        unlock();
        logger.info({ address }, 'Kafka dev broker stopped');
      })();
      return stopped;
    },
  };
}
