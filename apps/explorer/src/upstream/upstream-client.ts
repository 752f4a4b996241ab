import { z } from 'zod';
import type { Part } from '../explorer-api/explorer-api';

const errorBodySchema = z.object({ code: z.string(), message: z.string() });

export interface UpstreamRequest {
  readonly method?: 'GET' | 'POST' | 'DELETE';
  readonly headers?: Readonly<Record<string, string>>;
  /** The bearer token to forward; null sends none. */
  readonly token: string | null;
  readonly body?: unknown;
}

/**
 * Calls one service's HTTP API and validates the answer with a schema, so whatever the page
 * shows passed zod. Failures come back as a part of the page rather than an exception: the page
 * shows what it has, and says why the rest is missing.
 */
export class UpstreamClient {
  constructor(private readonly timeoutMs = 5_000) {}

  async call<S extends z.ZodType>(url: string, schema: S, request: UpstreamRequest): Promise<Part<z.output<S>>> {
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
    if (request.token !== null) headers['authorization'] = `Bearer ${request.token}`;
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(url, {
        method: request.method ?? 'GET',
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        // A merged-away profile answers 308; the page says where it went instead of following silently.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      return { ok: false, status: null, code: null, message: `${new URL(url).host} did not answer: ${error instanceof Error ? error.message : String(error)}` };
    }
    const text = await response.text();
    const json = parseJson(text);
    if (!response.ok) {
      const body = errorBodySchema.safeParse(json);
      return body.success
        ? { ok: false, status: response.status, code: body.data.code, message: body.data.message }
        : { ok: false, status: response.status, code: null, message: `HTTP ${response.status}` };
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      return { ok: false, status: response.status, code: null, message: `unexpected answer from ${new URL(url).pathname}: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
    }
    return { ok: true, value: parsed.data };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
