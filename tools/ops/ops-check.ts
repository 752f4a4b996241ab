import path from 'node:path';

/** The repository root, whichever folder a check is started from. */
export const workspace = path.resolve(__dirname, '../..');

export interface CheckResult {
  /** Empty when the check passed; otherwise one line per problem. */
  readonly problems: readonly string[];
}

/** One validation of the deployment files; a thrown error counts as a failure with its message. */
export interface OpsCheck {
  readonly name: string;
  run(log: (line: string) => void): Promise<CheckResult>;
}
