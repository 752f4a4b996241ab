import { type DynamicModule, Module } from '@nestjs/common';
import { DedupeWindow, IntakeLedger } from './intake-ledger';
import { RedisIntakeLedger } from './redis-intake-ledger';

/** Binds the IntakeLedger port to Redis; needs RedisModule (global) imported by the app. */
@Module({})
export class DeduplicationModule {
  static forRoot(options: { readonly windowSeconds: number }): DynamicModule {
    return {
      module: DeduplicationModule,
      providers: [{ provide: DedupeWindow, useValue: new DedupeWindow(options.windowSeconds) }, { provide: IntakeLedger, useClass: RedisIntakeLedger }],
      exports: [IntakeLedger],
    };
  }
}
