import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { CliError } from '../cli-error';

/** A catalog row as far as the tool checks it before sending: an id; the service validates the rest. */
const rowSchema = z.looseObject({ id: z.string().trim().min(1) });
export type CatalogRow = z.infer<typeof rowSchema>;

export interface CatalogFile {
  readonly rows: readonly CatalogRow[];
  /** Rows refused before sending, by their 1-based row number in the file. */
  readonly errors: readonly { readonly row: number; readonly message: string }[];
}

function recordsOf(file: string, text: string): unknown[] {
  if (path.extname(file).toLowerCase() === '.csv') return parse(text, { columns: true, skip_empty_lines: true, trim: true }) as unknown[];
  const json = JSON.parse(text) as unknown;
  if (Array.isArray(json)) return json;
  if (json !== null && typeof json === 'object' && 'products' in json && Array.isArray(json.products)) return json.products as unknown[];
  throw new Error('expected an array of products or { "products": [...] }');
}

/** Reads a catalog as JSON (an array, or `{ products }`) or CSV with a header row. */
export function readCatalogFile(file: string): CatalogFile {
  let records: unknown[];
  try {
    records = recordsOf(file, fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CliError('TP_CLI_USAGE', `${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const rows: CatalogRow[] = [];
  const errors: { row: number; message: string }[] = [];
  records.forEach((record, index) => {
    const parsed = rowSchema.safeParse(record);
    if (parsed.success) rows.push(parsed.data);
    else errors.push({ row: index + 1, message: parsed.error.issues.map((i) => `${i.path.join('.') || 'row'}: ${i.message}`).join('; ') });
  });
  return { rows, errors };
}
