import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { CliError } from '../cli-error';
import { loadCliSettings } from '../cli-settings';
import type { CommandContext, ExitCode } from '../command-context';
import { requestJson } from '../services/http-json';

/** Recommendation's answer to an import (apps/recommendation import-catalog). */
const reportSchema = z.looseObject({
  imported: z.number().int(),
  rejected: z.array(z.object({ row: z.number().int(), path: z.string(), message: z.string() })),
  version: z.number().int().optional(),
  profilesRedecided: z.number().int().optional(),
});

/** The request body: a CSV goes as it is (the service reads it), JSON as `{ products }` (a bare array is wrapped). */
function bodyOf(file: string): { readonly body?: unknown; readonly text?: { contentType: string; body: string } } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError('TP_CLI_USAGE', `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (path.extname(file).toLowerCase() === '.csv') return { text: { contentType: 'text/csv', body: text } };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError('TP_CLI_USAGE', `${file} is neither .csv nor JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { body: Array.isArray(json) ? { products: json } : json };
}

async function run(file: string, context: CommandContext): Promise<number> {
  const settings = loadCliSettings(context.connection());
  if (!settings.adminToken) throw new CliError('TP_CLI_USAGE', 'catalog import needs an admin token: --admin-token or TOUCHPOINT_ADMIN_TOKEN');
  const url = new URL('/v1/catalog/products', settings.catalogUrl).toString();
  const answer = await requestJson('POST', url, reportSchema, { token: settings.adminToken, ...bodyOf(file), service: 'recommendation (catalog)' });
  if (answer.status === 404) {
    throw new CliError('TP_CLI_SERVICE_FAILED', `${new URL(url).origin} has no catalog import (POST /v1/catalog/products answered 404): the recommendation service running there predates it`);
  }
  if (answer.status === 400) throw new CliError('TP_CLI_USAGE', `the catalog was refused as a whole: ${JSON.stringify(answer.raw)}`);
  if (!answer.body) throw new CliError('TP_CLI_SERVICE_FAILED', `the catalog import answered ${answer.status}: ${JSON.stringify(answer.raw)}`);
  const report = answer.body;
  for (const rejection of report.rejected) context.stderr.write(`row ${rejection.row}: ${rejection.path}: ${rejection.message}\n`);
  context.stdout.write(`${report.imported} products imported${report.version === undefined ? '' : ` (catalog version ${report.version})`}, ${report.rejected.length} rows rejected${report.profilesRedecided === undefined ? '' : `, ${report.profilesRedecided} profiles decided again`}\n`);
  return report.rejected.length > 0 ? 1 : 0;
}

export function registerCatalog(program: Command, context: CommandContext, exit: ExitCode): void {
  const catalog = program.command('catalog').description('the product catalog recommendations draw on');
  catalog
    .command('import')
    .description('send a catalog file (JSON `{ products }` or an array, or CSV with a header row) to POST /v1/catalog/products with the admin token; rejected rows are listed, exit 1 when there are any')
    .argument('<file>', 'products.json or products.csv')
    .action(async (file: string) => {
      exit.code = await run(file, context);
    });
}
