import type { z } from 'zod';
import { CliError } from '../cli-error';

export interface HttpAnswer<T> {
  readonly status: number;
  /** Parsed with the caller's schema when the status was 2xx; else null. */
  readonly body: T | null;
  /** The error code of a Touchpoint error answer (`{ code }`), if any. */
  readonly errorCode: string | null;
  readonly raw: unknown;
}

const REQUEST_TIMEOUT_MS = 10_000;

/** One JSON request to a Touchpoint HTTP API; an unreachable service is TP_CLI_SERVICE_FAILED, any status is the caller's to judge. */
export async function requestJson<S extends z.ZodType>(
  method: 'GET' | 'POST',
  url: string,
  schema: S,
  options: { readonly token: string | null; readonly body?: unknown; readonly text?: { readonly contentType: string; readonly body: string }; readonly service: string },
): Promise<HttpAnswer<z.output<S>>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      redirect: 'manual',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      headers: {
        accept: 'application/json',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(options.text === undefined ? {} : { 'content-type': options.text.contentType }),
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      ...(options.text === undefined ? {} : { body: options.text.body }),
    });
  } catch (error) {
    throw new CliError('TP_CLI_SERVICE_FAILED', `${options.service} is unreachable at ${new URL(url).origin} (${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)})`);
  }
  const text = await response.text();
  let raw: unknown = null;
  try {
    raw = text.length > 0 ? JSON.parse(text) : null;
  } catch {
    raw = text;
  }
  const errorCode = raw !== null && typeof raw === 'object' && 'code' in raw && typeof raw.code === 'string' ? raw.code : null;
  if (response.status === 401 || response.status === 503) {
    throw new CliError('TP_CLI_SERVICE_FAILED', `${options.service} refused the request (${response.status} ${errorCode ?? ''}); pass its token with --token / TOUCHPOINT_READ_TOKEN`.replace(' )', ')'));
  }
  if (response.status < 200 || response.status >= 300) return { status: response.status, body: null, errorCode, raw };
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new CliError('TP_CLI_SERVICE_FAILED', `${options.service} answered ${method} ${new URL(url).pathname} with an unexpected body: ${parsed.error.issues[0]?.message ?? ''}`);
  return { status: response.status, body: parsed.data, errorCode, raw };
}
