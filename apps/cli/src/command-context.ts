import type { ConnectionOptions } from './cli-settings';
import type { Output } from './output/record-printer';

/** What a command runs with: where it prints, and the connection options of the whole command line. */
export interface CommandContext {
  readonly stdout: Output;
  readonly stderr: Output;
  readonly connection: () => ConnectionOptions;
  /** The wall clock, for durations such as `--from 2h`. */
  readonly now: () => number;
}

/** Where a command's action leaves its exit code for the caller of the program. */
export interface ExitCode {
  code: number;
}
