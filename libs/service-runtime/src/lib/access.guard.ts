import { applyDecorators, type CanActivate, type ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { type AccessLevel, AccessTokens } from './access-tokens';

const ACCESS_LEVEL = 'touchpoint:access-level';

/** The one guard of every service's read and admin endpoints; the level comes from `@RequireAccess`. */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokens,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const level = this.reflector.getAllAndOverride<AccessLevel | undefined>(ACCESS_LEVEL, [context.getHandler(), context.getClass()]);
    // An endpoint behind the guard without a level is a mistake: refuse rather than open it.
    this.tokens.check(level ?? 'admin', context.switchToHttp().getRequest<FastifyRequest>().headers.authorization);
    return true;
  }
}

/** Puts a controller or route behind the access guard: `@RequireAccess('read')`. */
export const RequireAccess = (level: AccessLevel) => applyDecorators(SetMetadata(ACCESS_LEVEL, level), UseGuards(AccessGuard));
