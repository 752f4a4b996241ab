import type { ApiKey } from './api-key';
import type { Reader } from './primitives/reader';
import type { Writer } from './primitives/writer';

/**
 * One Kafka API as the broker side sees it: how to read its requests and write its
 * responses, for every version in [minVersion, maxVersion].
 */
export interface ApiDefinition<Request, Response> {
  readonly key: ApiKey;
  readonly name: string;
  readonly minVersion: number;
  readonly maxVersion: number;
  /** First version using KIP-482 flexible encoding; omitted when none we support is flexible. */
  readonly firstFlexibleVersion?: number;
  decodeRequest(reader: Reader, version: number): Request;
  encodeResponse(writer: Writer, version: number, response: Response): void;
}

export type RequestOf<A> = A extends ApiDefinition<infer Request, unknown> ? Request : never;
export type ResponseOf<A> = A extends ApiDefinition<unknown, infer Response> ? Response : never;

export function isFlexible(api: Pick<ApiDefinition<unknown, unknown>, 'firstFlexibleVersion'>, version: number): boolean {
  return api.firstFlexibleVersion !== undefined && version >= api.firstFlexibleVersion;
}
