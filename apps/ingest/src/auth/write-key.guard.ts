import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { TouchpointError } from '@touchpoint/contracts';
import type { FastifyRequest } from 'fastify';
import { presentedWriteKey } from './write-key';
import { WriteKeys } from './write-keys';

/** Lets a request through only with a write key from config.ingest.writeKeys. */
@Injectable()
export class WriteKeyGuard implements CanActivate {
  constructor(private readonly writeKeys: WriteKeys) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const key = presentedWriteKey(request.headers.authorization, request.body);
    if (!key) {
      throw new TouchpointError('TP_INGEST_UNAUTHORIZED', 'no write key: send it as the Basic auth user name or as writeKey in the body');
    }
    if (this.writeKeys.sourceOf(key) === undefined) throw new TouchpointError('TP_INGEST_UNAUTHORIZED', 'unknown write key');
    return true;
  }
}
