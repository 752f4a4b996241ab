import { type RecommendationMessage, Topics } from '@touchpoint/contracts';
import type { Command } from 'commander';
import { CliError } from '../cli-error';
import { loadCliSettings } from '../cli-settings';
import type { CommandContext, ExitCode } from '../command-context';
import { resolveCustomer } from '../customer/customer';
import { CliKafka } from '../kafka/cli-kafka';
import { maskPersonalData } from '../output/mask-personal-data';
import { segmentSummary } from '../output/shown-record';
import { IdentityClient } from '../services/identity-client';
import { readCustomerEvents, readCustomerRecords } from './customer-events';
import { explainProducts } from './explain-products';
import { readJourneyDefinitions } from './journey-definitions-file';
import { rebuildJourney } from './rebuild-journey';

interface ExplainOptions {
  readonly profile?: string;
  readonly identifier?: string;
  readonly product?: string;
  readonly definitions?: string;
}

const iso = (at: number): string => new Date(at).toISOString();

function toldLine(message: RecommendationMessage): string {
  const cause = `cause ${message.cause.kind} ${message.cause.id}`;
  switch (message.type) {
    case 'retargeting.started':
      return `retargeting.started under ${message.profileId} (${cause})`;
    case 'retargeting.stopped':
      return `retargeting.stopped under ${message.profileId}, reason ${message.reason}${message.survivorProfileId ? ` (survivor ${message.survivorProfileId})` : ''} (${cause})`;
    case 'recommendations.updated':
      return `recommendations.updated under ${message.profileId}: ${message.items.map((i) => `${i.rank}. ${i.productId} (${i.reason}${i.becauseOf ? ` of ${i.becauseOf}` : ''})`).join(', ') || 'none'} (${cause})`;
    default:
      return `${message.type} under ${message.profileId} (${cause})`;
  }
}

async function run(options: ExplainOptions, context: CommandContext): Promise<number> {
  const settings = loadCliSettings(context.connection());
  const defs = readJourneyDefinitions(options.definitions ?? settings.definitionsFile);
  const cluster = new CliKafka(settings);
  try {
    await cluster.topicNames();
    const customer = await resolveCustomer(new IdentityClient(settings.identityUrl, settings.readToken), options);
    const events = await readCustomerEvents(cluster, customer);
    const told = await readCustomerRecords(cluster, Topics.recommendations, customer);
    const journey = rebuildJourney(customer.profileId, events.records.map((r) => r.value), defs, context.now());
    const explained = explainProducts(journey, told.records, options.product);
    if (options.product !== undefined && explained.length === 0) throw new CliError('TP_CLI_USAGE', `the journey of ${customer.profileId} has no product ${options.product}`);
    const out = context.stdout;
    const { summary } = journey.view;
    out.write(`customer ${customer.profileId}${customer.profileIds.length > 1 ? ` (also ${customer.profileIds.slice(1).join(', ')})` : ''}: stage ${summary.stage}, advertising consent ${String(summary.consent.advertising.granted ?? 'unknown')}\n`);
    out.write(`from ${events.records.length} events on ${Topics.eventsResolved.name} and ${told.records.length} messages on ${Topics.recommendations.name}\n`);
    for (const p of explained) {
      out.write(`\n${p.productId}: ${p.retargetedNow ? 'RETARGETED now' : 'not retargeted now'}\n`);
      const s = p.status;
      out.write(s ? `  journey: in cart ${s.unitsInCart}${s.cartAbandoned ? ' (abandoned)' : ''}, bought ${s.unitsBought}, returned ${s.unitsReturned}, owned ${s.unitsOwned}${s.lastPurchaseChannel ? `, last bought ${s.lastPurchaseChannel}${s.lastPurchaseStoreId ? ` in ${s.lastPurchaseStoreId}` : ''}` : ''}\n` : '  journey: not a product of this journey\n');
      if (p.decidedBy) out.write(`  decided by: ${iso(p.decidedBy.at)} ${p.decidedBy.cause} ${p.decidedBy.event ? segmentSummary(maskPersonalData(p.decidedBy.event)) : 'timer'}\n`);
      out.write(p.told.length === 0 ? '  platforms were told: nothing\n' : '  platforms were told:\n');
      for (const { value } of p.told) out.write(`    ${value.occurredAt}  ${toldLine(value)}\n`);
      if (p.mismatch) out.write(`  MISMATCH: ${p.mismatch}\n`);
    }
    return 0;
  } finally {
    await cluster.close();
  }
}

export function registerJourneyExplain(journey: Command, context: CommandContext, exit: ExitCode): void {
  journey
    .command('explain')
    .description('why each product is or is not retargeted now: the journey facts, the event that set them, and what platforms were told')
    .option('--profile <id>', 'profile id (a merged-away id leads to its survivor)')
    .option('--identifier <type:value>', 'or the customer with this identifier')
    .option('--product <id>', 'only this product')
    .option('--definitions <file>', 'journey definitions (default: JOURNEY_DEFINITIONS_FILE, else config/journey-definitions.v1.json)')
    .action(async (options: ExplainOptions) => {
      exit.code = await run(options, context);
    });
}
