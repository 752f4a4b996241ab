import {
  apiVersionsApi,
  ApiKey,
  decodeRequestFrame,
  encodeResponseFrame,
  KafkaError,
  ProtocolDecodeError,
  supportedVersionRanges,
} from '@touchpoint/kafka-protocol';
import type { Logger } from 'pino';
import { type HandlerMap, NO_RESPONSE, type RequestContext } from '../broker-context';

/** What the connection does with one request: write these bytes, write nothing, or hang up. */
export type DispatchOutcome = { readonly kind: 'respond'; readonly chunks: Buffer[] } | { readonly kind: 'silent' } | { readonly kind: 'close'; readonly reason: string };

type AnyHandler = (request: unknown, context: RequestContext) => unknown;

export class RequestDispatcher {
  constructor(
    private readonly handlers: HandlerMap,
    private readonly logger: Logger,
  ) {}

  async dispatch(frame: Buffer, connection: Pick<RequestContext, 'clientHost' | 'localEndpoint'>): Promise<DispatchOutcome> {
    let decoded;
    try {
      decoded = decodeRequestFrame(frame);
    } catch (error) {
      if (error instanceof ProtocolDecodeError) return { kind: 'close', reason: `malformed request: ${error.message}` };
      throw error;
    }
    if (decoded.kind === 'unknown-api') {
      return { kind: 'close', reason: `unknown api key ${decoded.apiKey} (version ${decoded.apiVersion})` };
    }
    if (decoded.kind === 'unsupported-version') {
      const { header, api } = decoded;
      if (api.key === ApiKey.ApiVersions) {
        // KIP-511: answer in v0 so the client can read our ranges and retry.
        const chunks = encodeResponseFrame(apiVersionsApi, 0, header.correlationId, {
          errorCode: KafkaError.UNSUPPORTED_VERSION.code,
          apiKeys: supportedVersionRanges(),
          throttleTimeMs: 0,
        });
        return { kind: 'respond', chunks };
      }
      return { kind: 'close', reason: `${api.name} v${header.apiVersion} is not supported (${api.minVersion}-${api.maxVersion})` };
    }
    const { header, api, body } = decoded;
    const handler = this.handlers[api.key as keyof HandlerMap] as unknown as AnyHandler;
    const context: RequestContext = { version: header.apiVersion, clientId: header.clientId ?? '', ...connection };
    const started = performance.now();
    const response = await handler(body, context);
    if (response === NO_RESPONSE) return { kind: 'silent' };
    this.logger.trace({ api: api.name, version: header.apiVersion, client: context.clientId, ms: performance.now() - started }, 'request');
    return { kind: 'respond', chunks: encodeResponseFrame(api, header.apiVersion, header.correlationId, response) };
  }
}
