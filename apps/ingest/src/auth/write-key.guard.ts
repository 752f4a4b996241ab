import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { TouchpointError } from '@touchpoint/contracts';
import type { FastifyRequest } from 'fastify';
import { presentedWriteKey } from './write-key';
import { WriteKeys } from './write-keys';
import { requireWriteScope } from './write-scope';
import { WritesScope } from './write-scope.decorator';

/**
 * Lets a request through only with a write key from config.ingest.writeKeys (else 401) whose
 * kind may write what the route writes, as its @WritesScope says (else 403).
 */
@Injectable()
export class WriteKeyGuard implements CanActivate {
  constructor(
    private readonly writeKeys: WriteKeys,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const scope = this.reflector.getAllAndOverride(WritesScope, [context.getHandler(), context.getClass()]);
    // Fail closed: a route that forgot to say what it writes takes no key at all.
    if (scope === undefined) throw new Error(`${context.getClass().name}.${context.getHandler().name} is guarded by WriteKeyGuard without @WritesScope`);
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const key = presentedWriteKey(request.headers.authorization, request.body);
    if (!key) {
      throw new TouchpointError('TP_INGEST_UNAUTHORIZED', 'no write key: send it as the Basic auth user name or as writeKey in the body');
    }
    const source = this.writeKeys.find(key);
    if (source === undefined) throw new TouchpointError('TP_INGEST_UNAUTHORIZED', 'unknown write key');
    requireWriteScope(source, scope);
    return true;
  }
}
