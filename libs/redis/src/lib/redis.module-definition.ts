import { ConfigurableModuleBuilder } from '@nestjs/common';

export interface RedisModuleOptions {
  readonly url: string;
  /** Prefix of every key this installation writes, so several can share one Redis. */
  readonly keyPrefix: string;
}

export const { ConfigurableModuleClass: RedisConfigurableModule, MODULE_OPTIONS_TOKEN: REDIS_MODULE_OPTIONS } =
  new ConfigurableModuleBuilder<RedisModuleOptions>()
    .setClassMethodName('forRoot')
    .setExtras({ isGlobal: true }, (definition, extras) => ({ ...definition, global: extras.isGlobal }))
    .build();
