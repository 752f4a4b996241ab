import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { type Admin, Kafka, type KafkaConfig, logLevel, type LogEntry } from 'kafkajs';
import { KAFKA_MODULE_OPTIONS } from './kafka.module-definition';
import type { KafkaModuleOptions } from './kafka-module-options';
import { kafkajsSecurity } from './kafka-security';

const levels: Record<number, 'error' | 'warn' | 'log' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'log',
  [logLevel.DEBUG]: 'debug',
};

/** The one kafkajs client of a service, created on first use, its admin closed on shutdown. */
@Injectable()
export class KafkaClient implements OnModuleDestroy {
  private kafka: Kafka | null = null;
  private admin: Admin | null = null;
  private readonly logger = new Logger('kafkajs');

  constructor(@Inject(KAFKA_MODULE_OPTIONS) readonly options: KafkaModuleOptions) {}

  get client(): Kafka {
    if (!this.kafka) {
      const config: KafkaConfig = {
        clientId: this.options.clientId,
        brokers: [...this.options.brokers],
        ...kafkajsSecurity(this.options.security),
        logLevel: logLevel.WARN,
        logCreator: () => (entry: LogEntry) => {
          const method = levels[entry.level] ?? 'log';
          this.logger[method](`${entry.namespace}: ${entry.log.message}`);
        },
        retry: { retries: 8, initialRetryTime: 100, maxRetryTime: 5_000 },
      };
      this.kafka = new Kafka(config);
    }
    return this.kafka;
  }

  async connectedAdmin(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.client.admin();
      await admin.connect();
      this.admin = admin;
    }
    return this.admin;
  }

  async onModuleDestroy(): Promise<void> {
    await this.admin?.disconnect();
    this.admin = null;
  }
}
