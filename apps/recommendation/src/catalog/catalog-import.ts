import { type CatalogProduct, catalogProductSchema, TouchpointError } from '@touchpoint/contracts';
import { CsvError, parse } from 'csv-parse/sync';
import { z } from 'zod';

/** One row that was not imported: where, which field, why. */
export interface CatalogRejection {
  /** 1-based: the position in `products`, or the CSV line (the header being line 1). */
  readonly row: number;
  readonly path: string;
  readonly message: string;
}

export interface ReadCatalog {
  readonly products: readonly CatalogProduct[];
  readonly rejected: readonly CatalogRejection[];
}

export const CSV_COLUMNS = ['productId', 'name', 'category', 'price', 'currency', 'accessories', 'complements', 'inStock', 'consumable', 'active'] as const;
const REQUIRED_CSV_COLUMNS = ['productId', 'name', 'category', 'price', 'currency'];
const MAX_PRODUCTS = 10_000;

function validated(rows: readonly { row: number; value: unknown }[]): ReadCatalog {
  const products: CatalogProduct[] = [];
  const rejected: CatalogRejection[] = [];
  const seen = new Map<string, number>();
  for (const { row, value } of rows) {
    const parsed = catalogProductSchema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) rejected.push({ row, path: issue.path.join('.') || '(row)', message: issue.message });
      continue;
    }
    const earlier = seen.get(parsed.data.productId);
    if (earlier !== undefined) {
      rejected.push({ row, path: 'productId', message: `product ${parsed.data.productId} is on row ${earlier} already` });
      continue;
    }
    seen.set(parsed.data.productId, row);
    products.push(parsed.data);
  }
  return { products, rejected };
}

const jsonBodySchema = z.object({ products: z.array(z.unknown()).max(MAX_PRODUCTS) });

/** `{ "products": [...] }`: each product validated on its own, so one bad row does not sink the others. */
export function readCatalogJson(body: unknown): ReadCatalog {
  const parsed = jsonBodySchema.safeParse(body);
  if (!parsed.success) throw new TouchpointError('TP_CATALOG_INVALID', `the body must be {"products": [...]} with at most ${MAX_PRODUCTS} products`);
  return validated(parsed.data.products.map((value, i) => ({ row: i + 1, value })));
}

const list = (cell: string | undefined): string[] => (cell ?? '').split(/[;|]/).map((s) => s.trim()).filter(Boolean);
const flag = (cell: string | undefined): boolean | string | undefined => {
  const value = (cell ?? '').trim().toLowerCase();
  if (value === '') return undefined;
  if (['true', 'yes', '1'].includes(value)) return true;
  if (['false', 'no', '0'].includes(value)) return false;
  return cell; // left as text: the schema names the field
};

/** A CSV with a header row; lists (accessories, complements) separated by ";" or "|"; flags as true/false, yes/no or 1/0. */
export function readCatalogCsv(text: string): ReadCatalog {
  let records: Record<string, string>[];
  try {
    records = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Record<string, string>[];
  } catch (error) {
    throw new TouchpointError('TP_CATALOG_INVALID', `the CSV cannot be read: ${error instanceof CsvError ? error.message : String(error)}`);
  }
  const header = records.length > 0 ? Object.keys(records[0]) : (text.split(/\r?\n/)[0] ?? '').split(',').map((s) => s.trim());
  const unknown = header.filter((column) => !(CSV_COLUMNS as readonly string[]).includes(column));
  const missing = REQUIRED_CSV_COLUMNS.filter((column) => !header.includes(column));
  if (unknown.length > 0 || missing.length > 0) {
    throw new TouchpointError('TP_CATALOG_INVALID', `CSV columns: ${[...missing.map((c) => `missing ${c}`), ...unknown.map((c) => `unknown ${c}`)].join(', ')}; expected ${CSV_COLUMNS.join(',')}`);
  }
  if (records.length > MAX_PRODUCTS) throw new TouchpointError('TP_CATALOG_INVALID', `at most ${MAX_PRODUCTS} products per import`);
  return validated(
    records.map((record, i) => ({
      row: i + 2,
      value: {
        productId: record['productId'],
        name: record['name'],
        category: record['category'],
        price: record['price'] === undefined || record['price'] === '' ? undefined : Number(record['price']),
        currency: record['currency'],
        accessories: list(record['accessories']),
        complements: list(record['complements']),
        inStock: flag(record['inStock']),
        consumable: flag(record['consumable']),
        active: flag(record['active']),
      },
    })),
  );
}
