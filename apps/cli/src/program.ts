import { Command, CommanderError } from 'commander';
import { CliError, UNEXPECTED_EXIT_CODE } from './cli-error';
import type { ConnectionOptions } from './cli-settings';
import type { CommandContext, ExitCode } from './command-context';
import { asBrokerError } from './kafka/cli-kafka';
import type { Output } from './output/record-printer';
import { registerCatalog } from './catalog/catalog-import.command';
import { registerDlq } from './dlq/dlq.command';
import { registerJourney } from './journey/journey.command';
import { registerReplay } from './replay/replay.command';
import { registerReprocess } from './reprocess/reprocess.command';
import { registerTopics } from './topics/topics.command';

export interface CliIo {
  readonly stdout: Output;
  readonly stderr: Output;
  readonly now?: () => number;
}

const allCommands = (command: Command): Command[] => command.commands.flatMap((child) => [child, ...allCommands(child)]);

function buildProgram(io: CliIo, exit: ExitCode): Command {
  const program = new Command('touchpoint');
  const context: CommandContext = {
    stdout: io.stdout,
    stderr: io.stderr,
    connection: () => program.opts<ConnectionOptions>(),
    now: io.now ?? Date.now,
  };
  program
    .description('Replay and journey debugging for Touchpoint: read-only unless a command is told otherwise (--execute, redrive)')
    .option('--brokers <list>', 'Kafka bootstrap servers host:port,... (default: KAFKA_BROKERS, else 127.0.0.1:9092)')
    .option('--sasl-mechanism <mechanism>', 'plain | scram-sha-256 | scram-sha-512 (default: KAFKA_SASL_MECHANISM)')
    .option('--sasl-username <name>', 'default: KAFKA_SASL_USERNAME')
    .option('--sasl-password <password>', 'default: KAFKA_SASL_PASSWORD')
    .option('--ssl', 'TLS to the brokers (default: KAFKA_SSL)')
    .option('--ssl-ca-file <pem>', 'CA of the brokers (default: KAFKA_SSL_CA_FILE)')
    .option('--ssl-cert-file <pem>', 'client certificate for mutual TLS (default: KAFKA_SSL_CERT_FILE)')
    .option('--ssl-key-file <pem>', 'its key (default: KAFKA_SSL_KEY_FILE)')
    .option('--ssl-insecure', 'accept any broker certificate (never in production)')
    .option('--identity-url <url>', 'identity HTTP API (default: TOUCHPOINT_IDENTITY_URL, else http://127.0.0.1:8081)')
    .option('--journey-url <url>', 'journey HTTP API (default: TOUCHPOINT_JOURNEY_URL, else http://127.0.0.1:8082)')
    .option('--catalog-url <url>', 'catalog HTTP API (default: TOUCHPOINT_CATALOG_URL, else http://127.0.0.1:8083)')
    .option('--token <token>', 'read token for the HTTP APIs (default: TOUCHPOINT_READ_TOKEN)')
    .option('--admin-token <token>', 'admin token, for catalog import (default: TOUCHPOINT_ADMIN_TOKEN)')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) });
  registerReplay(program, context, exit);
  registerTopics(program, context, exit);
  registerDlq(program, context, exit);
  registerJourney(program, context, exit);
  registerReprocess(program, context, exit);
  registerCatalog(program, context, exit);
  for (const command of allCommands(program)) command.exitOverride().configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) });
  return program;
}

/** Runs one command line (without `node` and the script) and returns its exit code; never exits the process itself. */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const exit: ExitCode = { code: 0 };
  const program = buildProgram(io, exit);
  try {
    await program.parseAsync([...args], { from: 'user' });
    return exit.code;
  } catch (caught) {
    if (caught instanceof CommanderError) return caught.exitCode === 0 ? 0 : 2;
    const error = asBrokerError(caught, (program.opts<ConnectionOptions>().brokers ?? '').split(','));
    if (error instanceof CliError) {
      io.stderr.write(`${error.describe()}\n`);
      return error.exitCode;
    }
    io.stderr.write(`touchpoint: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return UNEXPECTED_EXIT_CODE;
  }
}
