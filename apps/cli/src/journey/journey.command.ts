import type { Command } from 'commander';
import type { CommandContext, ExitCode } from '../command-context';
import { registerJourneyExplain } from './journey-explain.command';
import { registerJourneyRebuild } from './journey-rebuild.command';

export function registerJourney(program: Command, context: CommandContext, exit: ExitCode): void {
  const journey = program.command('journey').description("a customer's journey rebuilt from the topics: rebuild (and compare with the live one), explain");
  registerJourneyRebuild(journey, context, exit);
  registerJourneyExplain(journey, context, exit);
}
