import type { Command } from 'commander';
import { z } from 'zod';
import { CliError } from '../cli-error';
import { loadCliSettings } from '../cli-settings';
import type { CommandContext, ExitCode } from '../command-context';
import { requestJson } from '../services/http-json';
import { readCatalogFile } from './catalog-file';

async function run(file: string, context: CommandContext): Promise<number> {
  const settings = loadCliSettings(context.connection());
  if (!settings.adminToken) throw new CliError('TP_CLI_USAGE', 'catalog import needs an admin token: --admin-token or TOUCHPOINT_ADMIN_TOKEN');
  const catalog = readCatalogFile(file);
  for (const error of catalog.errors) context.stderr.write(`row ${error.row}: ${error.message}\n`);
  if (catalog.rows.length === 0) throw new CliError('TP_CLI_USAGE', `${file} has no product to import`);
  const url = new URL('/v1/catalog/products', settings.catalogUrl).toString();
  const answer = await requestJson('POST', url, z.unknown(), { token: settings.adminToken, body: { products: catalog.rows }, service: 'recommendation (catalog)' });
  if (answer.status === 404 && (answer.errorCode === 'TP_HTTP_NOT_FOUND' || answer.errorCode === null)) {
    throw new CliError('TP_CLI_SERVICE_FAILED', `${new URL(url).origin} has no catalog import (POST /v1/catalog/products answered 404): the recommendation service running there predates it`);
  }
  if (answer.body === null) throw new CliError('TP_CLI_SERVICE_FAILED', `the catalog import answered ${answer.status}: ${JSON.stringify(answer.raw)}`);
  context.stdout.write(`${JSON.stringify(answer.body, null, 2)}\n`);
  return catalog.errors.length > 0 ? 1 : 0;
}

export function registerCatalog(program: Command, context: CommandContext, exit: ExitCode): void {
  const catalog = program.command('catalog').description('the product catalog recommendations draw on');
  catalog
    .command('import')
    .description('send a catalog file (JSON, or CSV with a header row) to POST /v1/catalog/products with the admin token; exit 1 when rows were refused')
    .argument('<file>', 'products.json or products.csv')
    .action(async (file: string) => {
      exit.code = await run(file, context);
    });
}
