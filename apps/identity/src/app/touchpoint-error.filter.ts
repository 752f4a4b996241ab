import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { type ErrorCode, ErrorCodes, TouchpointError } from '@touchpoint/contracts';
import type { FastifyReply } from 'fastify';

interface ErrorBody {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details?: unknown;
}

/** Every HTTP error leaves as `{ code, message, details }` with a stable code. */
@Catch()
export class TouchpointErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(TouchpointErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const [status, body] = this.describe(exception);
    // send() hands back the reply for chaining; Fastify writes it, there is nothing to await.
    void reply.status(status).send(body);
  }

  private describe(exception: unknown): [number, ErrorBody] {
    if (exception instanceof TouchpointError) {
      const status = ErrorCodes[exception.code].httpStatus ?? 500;
      return [status, { code: exception.code, message: exception.message, details: exception.details }];
    }
    if (exception instanceof HttpException && exception.getStatus() === 404) {
      return [404, { code: 'TP_HTTP_NOT_FOUND', message: exception.message }];
    }
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      return [exception.getStatus(), { code: 'TP_REQUEST_INVALID', message: exception.message }];
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return [500, { code: 'TP_INTERNAL_ERROR', message: 'internal error' }];
  }
}
