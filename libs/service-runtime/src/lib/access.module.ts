import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { AccessSettings } from '@touchpoint/config';
import { AccessGuard } from './access.guard';
import { AccessTokens } from './access-tokens';

/** Provides the access guard with the tokens of config.access, to every module of the app. */
@Global()
@Module({})
export class AccessModule {
  static forRoot(settings: AccessSettings): DynamicModule {
    return {
      module: AccessModule,
      providers: [{ provide: AccessTokens, useValue: new AccessTokens(settings) }, AccessGuard],
      exports: [AccessTokens, AccessGuard],
    };
  }
}
