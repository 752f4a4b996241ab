import type { LoggerService } from '@nestjs/common';
import type { LogSettings } from '@touchpoint/config';
import pino, { type DestinationStream, type Level, type Logger } from 'pino';
import { currentLogContext } from './log-context';
import { maskFields, maskText } from './mask-secrets';

/** Credential fields wherever a caller puts them at the top or one level down (a request's headers). */
const REDACTED_PATHS = ['authorization', 'cookie', 'token', 'password', 'secret', 'writeKey'].flatMap((key) => [key, `*.${key}`, `*.headers.${key}`]);

type LineLevel = Level;

/**
 * Nest's LoggerService over pino: one JSON object per line with level (as a label, so a grep for
 * "warn" finds warnings), time, service, context (the Nest logger's) and msg, plus the fields of
 * the work in progress (log-context: messageId, profileId, traceId, topic/partition/offset,
 * reqId). Emails, phones and credentials are masked in the message and in every field.
 */
export class ServiceLogger implements LoggerService {
  constructor(readonly pino: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  isEnabled(level: LineLevel): boolean {
    return this.pino.isLevelEnabled(level);
  }

  /** A line with fields of its own (the HTTP access line). */
  line(level: LineLevel, fields: Record<string, unknown>, msg: string, context: string): void {
    if (this.pino.isLevelEnabled(level)) this.pino[level]({ context, ...fields }, msg);
  }

  /**
   * Nest's calling convention: the last string parameter is the context; with `error` the one
   * before it is the stack (Nest passes undefined when there is none).
   */
  private write(level: LineLevel, message: unknown, params: readonly unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const rest = [...params];
    const context = rest.length > 0 && typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const fields: Record<string, unknown> = context ? { context } : {};
    const extra: string[] = [];
    for (const param of rest) {
      if (param === undefined) continue;
      if (param instanceof Error) fields['err'] = param;
      else if (typeof param === 'string') {
        if (level === 'error' || level === 'fatal') fields['stack'] = param;
        else extra.push(param);
      } else if (param !== null && typeof param === 'object') Object.assign(fields, param);
      else extra.push(String(param));
    }
    let msg: string | undefined;
    if (message instanceof Error) {
      fields['err'] = message;
      msg = message.message;
    } else if (typeof message === 'string') msg = message;
    else if (message !== null && typeof message === 'object') Object.assign(fields, message);
    else msg = String(message);
    if (extra.length > 0) msg = [msg, ...extra].filter((part) => part !== undefined).join(' ');
    this.pino[level](fields, msg);
  }
}

export interface ServiceLoggerOptions extends LogSettings {
  /** The `service` field of every line. */
  readonly service: string;
  /** Where lines go; process.stdout unless a spec captures them. */
  readonly destination?: DestinationStream;
}

/** Lines as pino-pretty renders them, for a person at a terminal; pino-pretty is a dev dependency, loaded only when asked for. */
async function prettyDestination(destination: DestinationStream): Promise<DestinationStream> {
  let prettyFactory: typeof import('pino-pretty').prettyFactory;
  try {
    ({ prettyFactory } = await import('pino-pretty'));
  } catch {
    throw new Error('LOG_FORMAT=pretty needs the pino-pretty package (a dev dependency, not in the images); use LOG_FORMAT=json');
  }
  const render = prettyFactory({
    colorize: process.stdout.isTTY === true && destination === process.stdout,
    translateTime: 'SYS:HH:MM:ss.l',
    singleLine: true,
    ignore: 'pid,hostname,service,context',
    messageFormat: '{service} {if context}[{context}] {end}{msg}',
  });
  return { write: (line: string) => destination.write(render(line)) };
}

/** The logger every service and the explorer log through (bootstrapService passes it to Nest). */
export async function createServiceLogger(options: ServiceLoggerOptions): Promise<ServiceLogger> {
  // process.stdout writes synchronously to files and pipes: a line logged just before process.exit is not lost.
  const destination = options.destination ?? process.stdout;
  const logger = pino(
    {
      level: options.level,
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }), log: (fields) => maskFields(fields) },
      // maskFields has turned errors into plain { type, message, stack } already.
      serializers: { err: (value: unknown) => value },
      mixin: () => ({ ...currentLogContext() }),
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((arg: unknown) => (typeof arg === 'string' ? maskText(arg) : arg)) as typeof args;
          method.apply(this, masked);
        },
      },
    },
    options.format === 'pretty' ? await prettyDestination(destination) : destination,
  );
  return new ServiceLogger(logger);
}
