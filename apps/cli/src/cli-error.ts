import type { ErrorCode } from '@touchpoint/contracts';

/** The exit code of each failure the command reports; documented with the codes in libs/contracts. */
export const exitCodes = {
  TP_CLI_USAGE: 2,
  TP_CLI_BROKER_UNREACHABLE: 3,
  TP_CLI_UNKNOWN_TOPIC: 4,
  TP_CLI_UNKNOWN_PROFILE: 5,
  TP_CLI_UNKNOWN_GROUP: 6,
  TP_CLI_GROUP_ACTIVE: 7,
  TP_CLI_SERVICE_FAILED: 8,
} as const satisfies Partial<Record<ErrorCode, number>>;

export type CliErrorCode = keyof typeof exitCodes;

/** A failure the user can act on: printed as one line with its stable code, and the process exits with its code. */
export class CliError extends Error {
  override readonly name = 'CliError';

  constructor(
    readonly code: CliErrorCode,
    message: string,
  ) {
    super(message);
  }

  get exitCode(): number {
    return exitCodes[this.code];
  }

  /** What the user is told on stderr. */
  describe(): string {
    return `touchpoint: ${this.code}: ${this.message}`;
  }
}

/** Exit code of a journey rebuild that found the live state differing from the topics' fold. */
export const DIFFERENCE_EXIT_CODE = 1;

/** Exit code of anything not foreseen: a bug or an error without a code. */
export const UNEXPECTED_EXIT_CODE = 10;

