import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { HealthModule, TouchpointErrorFilter } from '@touchpoint/service-runtime';
import { ForwardedToken } from '../access/forwarded-token';
import type { ExplorerConfig } from '../config/explorer.config';
import { LiveAccess } from '../live/live-access';
import { LiveFeed } from '../live/live-feed';
import { LiveFeedReadinessProbe } from '../live/live-feed.readiness-probe';
import { LiveHttpController } from '../live/live.http.controller';
import { PyramidHttpController } from '../live/pyramid.http.controller';
import { ProfileChangesHandler } from '../profile-view/profile-changes.handler';
import { ProfileHttpController } from '../profile-view/profile.http.controller';
import { ProfileViewHandler } from '../profile-view/profile-view.handler';
import { SearchProfileHandler } from '../search-profile/search-profile.handler';
import { SearchHttpController } from '../search-profile/search.http.controller';
import { UpstreamClient } from '../upstream/upstream-client';
import { WebAssets } from '../web-assets/web-assets';
import { WebAssetsHttpController } from '../web-assets/web-assets.http.controller';
import { WebAssetsReadinessProbe } from '../web-assets/web-assets.readiness-probe';

@Module({})
export class ExplorerAppModule {
  static forRoot(config: ExplorerConfig): DynamicModule {
    const upstream = new UpstreamClient();
    const feed = new LiveFeed({ kafka: config.kafka });
    return {
      module: ExplorerAppModule,
      // Global, so the readiness probes HealthModule builds can see the feed and the page's assets.
      global: true,
      imports: [HealthModule.forRoot([LiveFeedReadinessProbe, WebAssetsReadinessProbe])],
      controllers: [SearchHttpController, ProfileHttpController, LiveHttpController, PyramidHttpController, WebAssetsHttpController],
      providers: [
        { provide: APP_FILTER, useClass: TouchpointErrorFilter },
        { provide: LiveFeed, useValue: feed },
        { provide: ForwardedToken, useValue: new ForwardedToken(config.defaultToken) },
        { provide: WebAssets, useValue: new WebAssets(config.webDir) },
        {
          provide: SearchProfileHandler,
          useValue: new SearchProfileHandler(upstream, {
            identityUrl: config.upstream.identity,
            hashSecret: config.personalData.hashSecret,
            defaultPhoneRegion: config.personalData.defaultPhoneRegion,
          }),
        },
        { provide: ProfileViewHandler, useValue: new ProfileViewHandler(upstream, config.upstream, feed.seen) },
        { provide: ProfileChangesHandler, useValue: new ProfileChangesHandler(upstream, config.upstream.identity) },
        { provide: LiveAccess, useValue: new LiveAccess(upstream, config.upstream.identity) },
      ],
      exports: [LiveFeed, WebAssets],
    };
  }
}
