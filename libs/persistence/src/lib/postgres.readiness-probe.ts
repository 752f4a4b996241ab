import { Injectable } from '@nestjs/common';
import { ReadinessProbe } from '@touchpoint/service-runtime';
import { DataSource } from 'typeorm';

@Injectable()
export class PostgresReadinessProbe extends ReadinessProbe {
  readonly name = 'postgres';

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async check(): Promise<void> {
    if (!this.dataSource.isInitialized) throw new Error('not connected');
    await this.dataSource.query('SELECT 1');
  }
}
