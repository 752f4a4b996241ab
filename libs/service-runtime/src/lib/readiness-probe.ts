/**
 * One dependency a service needs before it can take traffic (Kafka, Postgres, Redis).
 * `check` resolves when the dependency answers and rejects with a reason otherwise.
 */
export abstract class ReadinessProbe {
  abstract readonly name: string;
  abstract check(): Promise<void>;
}

/**
 * A probe as `/health/ready` runs it. A critical probe that fails makes the instance not
 * ready; a non-critical one (a dependency the service works without, slower or with less)
 * is reported with its state and never takes the instance out of rotation.
 */
export interface RegisteredProbe {
  readonly probe: ReadinessProbe;
  readonly critical: boolean;
}

export const READINESS_PROBES = Symbol('READINESS_PROBES');

/** A probe's failure with structured details (e.g. which partitions wait on what) for `/health/ready`. */
export class NotReadyError extends Error {
  override readonly name = 'NotReadyError';

  constructor(
    message: string,
    readonly details: unknown,
  ) {
    super(message);
  }
}
