import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { type ErrorCode, ErrorCodes, TouchpointError } from '@touchpoint/contracts';
import type { FastifyReply } from 'fastify';

interface ErrorBody {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details?: unknown;
}

/**
 * Every HTTP error leaves as `{ code, message, details }` with a stable code. Exceptions with
 * a body of their own (readiness's 503) keep it.
 */
@Catch()
export class TouchpointErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(TouchpointErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (exception instanceof HttpException && exception.getStatus() >= 500) {
      // send() writes the reply; the thenable it returns has nothing left to wait for.
      void reply.status(exception.getStatus()).send(exception.getResponse());
      return;
    }
    const [status, body] = this.describe(exception);
    void reply.status(status).send(body);
  }

  private describe(exception: unknown): [number, ErrorBody] {
    if (exception instanceof TouchpointError) {
      const body: ErrorBody = exception.details === undefined ? { code: exception.code, message: exception.message } : { code: exception.code, message: exception.message, details: exception.details };
      return [ErrorCodes[exception.code].httpStatus ?? 500, body];
    }
    if (exception instanceof HttpException && exception.getStatus() === 404) return [404, { code: 'TP_HTTP_NOT_FOUND', message: exception.message }];
    // Fastify's, when a body passes the bodyLimit of the server or of its content type.
    if (exception instanceof HttpException && exception.getStatus() === 413) return [413, { code: 'TP_REQUEST_TOO_LARGE', message: 'request body is too large' }];
    if (exception instanceof HttpException) return [exception.getStatus(), { code: 'TP_REQUEST_INVALID', message: exception.message }];
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return [500, { code: 'TP_INTERNAL_ERROR', message: 'internal error' }];
  }
}
