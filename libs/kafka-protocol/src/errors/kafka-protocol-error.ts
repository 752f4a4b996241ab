import type { KafkaErrorCode } from './error-codes';

/** A failure that maps onto one of the protocol's error codes. */
export class KafkaProtocolError extends Error {
  override readonly name = 'KafkaProtocolError';

  constructor(
    readonly error: KafkaErrorCode,
    message: string = error.name,
  ) {
    super(message);
  }
}
