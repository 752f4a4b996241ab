import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { errorResponse, keepsOwnBody } from './error-response';

/**
 * Answers every failure as `{ code, message, details }`, including the ones Fastify raises
 * before a controller runs (body too large, unknown route), which Nest routes here too.
 */
@Catch()
export class IngestExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(IngestExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    // FastifyReply is thenable, but send() has written the response by the time it returns.
    if (keepsOwnBody(exception)) {
      void reply.status(exception.getStatus()).send(exception.getResponse());
      return;
    }
    const response = errorResponse(exception);
    if (response.body.code === 'TP_INTERNAL_ERROR') {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    void reply.status(response.status).headers(response.headers).send(response.body);
  }
}
