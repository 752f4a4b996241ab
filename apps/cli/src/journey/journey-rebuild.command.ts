import type { Command } from 'commander';
import { DIFFERENCE_EXIT_CODE } from '../cli-error';
import { loadCliSettings } from '../cli-settings';
import type { CommandContext, ExitCode } from '../command-context';
import { resolveCustomer } from '../customer/customer';
import { CliKafka } from '../kafka/cli-kafka';
import { parseTimeOption } from '../kafka/read-window';
import { maskPersonalData } from '../output/mask-personal-data';
import { segmentSummary } from '../output/shown-record';
import { IdentityClient } from '../services/identity-client';
import { JourneyClient } from '../services/journey-client';
import { readCustomerEvents } from './customer-events';
import { describeChange } from './describe-change';
import { readJourneyDefinitions } from './journey-definitions-file';
import { rebuildJourney } from './rebuild-journey';
import { differences } from './view-differences';

interface RebuildOptions {
  readonly profile?: string;
  readonly identifier?: string;
  readonly until?: string;
  readonly definitions?: string;
}

const iso = (at: number): string => new Date(at).toISOString();

async function run(options: RebuildOptions, context: CommandContext): Promise<number> {
  const settings = loadCliSettings(context.connection());
  const defs = readJourneyDefinitions(options.definitions ?? settings.definitionsFile);
  const horizon = options.until === undefined ? context.now() : parseTimeOption('--until', options.until, context.now());
  const cluster = new CliKafka(settings);
  try {
    await cluster.topicNames();
    const customer = await resolveCustomer(new IdentityClient(settings.identityUrl, settings.readToken), options);
    const { records, unreadable } = await readCustomerEvents(cluster, customer);
    const rebuilt = rebuildJourney(customer.profileId, records.map((r) => r.value), defs, horizon);
    const out = context.stdout;
    const merged = customer.profileIds.slice(1);
    out.write(`journey of ${customer.profileId}${merged.length > 0 ? ` (with ${merged.join(', ')} merged into it)` : ''}\n`);
    out.write(`rebuilt from ${records.length} events on tp.events.resolved.v1${unreadable > 0 ? ` (${unreadable} unreadable skipped)` : ''}, definitions ${rebuilt.state.versions.definitions}, reducer ${rebuilt.state.versions.reducer}, up to ${iso(horizon)}\n\n`);
    for (const t of rebuilt.transitions) {
      const what = t.event ? segmentSummary(maskPersonalData(t.event)) : 'timer';
      out.write(`${iso(t.at)}  ${t.cause}  ${what}\n`);
      for (const line of describeChange(t.before, t.after, t.change)) out.write(`    ${line}\n`);
    }
    const { summary } = rebuilt.view;
    out.write(`\nnow: stage ${summary.stage} (${summary.stageRule}); tier ${summary.tier} (${summary.tierRule}); audiences ${summary.audiences.join(', ') || '-'}\n`);
    if (options.until !== undefined) {
      out.write('--until given: not compared with the live journey, which is the journey of now\n');
      return 0;
    }
    const live = await new JourneyClient(settings.journeyUrl, settings.readToken).journey(customer.profileId);
    const found = live === null ? [{ path: '(journey)', live: 'none', rebuilt: `${records.length} events` }] : differences({ summary: live.summary, products: live.products }, { summary: rebuilt.view.summary, products: rebuilt.view.products });
    if (live !== null) out.write(`live journey: revision ${live.revision}, as of ${live.asOf ?? '-'}\n`);
    if (found.length === 0 && (live !== null || records.length === 0)) {
      out.write('no difference: the live journey is the fold of the topic\n');
      return 0;
    }
    out.write(`${found.length} differences between the live journey and the fold of the topic:\n`);
    for (const d of found) out.write(`  ${d.path}: live ${JSON.stringify(d.live)}, rebuilt ${JSON.stringify(d.rebuilt)}\n`);
    return DIFFERENCE_EXIT_CODE;
  } finally {
    await cluster.close();
  }
}

export function registerJourneyRebuild(journey: Command, context: CommandContext, exit: ExitCode): void {
  journey
    .command('rebuild')
    .description("recompute a customer's journey from the topics with the service's reducer, print each change and the event behind it, and compare with the live journey (exit 1 on a difference)")
    .option('--profile <id>', 'profile id (a merged-away id leads to its survivor)')
    .option('--identifier <type:value>', 'or the customer with this identifier')
    .option('--until <time>', 'the journey as of this time (ISO or a duration back from now); not compared with the live one')
    .option('--definitions <file>', 'journey definitions (default: JOURNEY_DEFINITIONS_FILE, else config/journey-definitions.v1.json)')
    .action(async (options: RebuildOptions) => {
      exit.code = await run(options, context);
    });
}
