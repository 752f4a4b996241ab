import { type ErrorCode, type StoreTransaction, storeTransactionSchema, TouchpointError } from '@touchpoint/contracts';
import { CsvError, parse } from 'csv-parse/sync';
import { z } from 'zod';

/** Columns of the upload; one line item per row, the rows of a transaction share its transactionId. */
export const REQUIRED_COLUMNS = ['transactionId', 'kind', 'storeId', 'occurredAt', 'productId', 'quantity', 'unitPrice'] as const;
export const OPTIONAL_COLUMNS = ['currency', 'sku', 'name', 'loyaltyId', 'posCustomerId', 'email', 'phone', 'originalTransactionId'] as const;
const KNOWN_COLUMNS: ReadonlySet<string> = new Set([...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS]);

/** Columns every row of one transaction must agree on, since they describe the transaction. */
const TRANSACTION_COLUMNS = ['kind', 'storeId', 'occurredAt', 'currency', 'loyaltyId', 'posCustomerId', 'email', 'phone', 'originalTransactionId'] as const;

export interface CsvRejection {
  /** 1-based line of the file, the header being line 1. */
  readonly line: number;
  readonly code: ErrorCode;
  readonly message: string;
  /** The column at fault, or "(row)". */
  readonly path: string;
}

export interface CsvTransaction {
  readonly transaction: StoreTransaction;
  /** The lines it was read from, one per line item. */
  readonly lines: readonly number[];
}

export interface StoreTransactionsCsv {
  readonly transactions: readonly CsvTransaction[];
  readonly rejected: readonly CsvRejection[];
}

const cell = z.string().trim();
const optionalCell = cell.optional().transform((value) => (value ? value : undefined));

const rowSchema = z.object({
  transactionId: cell.min(1, 'required'),
  kind: cell,
  storeId: cell,
  occurredAt: cell,
  productId: cell,
  quantity: cell.regex(/^\d+$/, 'must be a whole number').transform(Number),
  unitPrice: cell.regex(/^\d+(\.\d+)?$/, 'must be a number such as 129.95').transform(Number),
  currency: optionalCell,
  sku: optionalCell,
  name: optionalCell,
  loyaltyId: optionalCell,
  posCustomerId: optionalCell,
  email: optionalCell,
  phone: optionalCell,
  originalTransactionId: optionalCell,
});

type CsvRow = z.output<typeof rowSchema>;

interface ReadRow {
  readonly line: number;
  readonly row: CsvRow;
}

/** csv-parse types the line of its errors as unknown; it is the 1-based line number. */
function lineOf(error: CsvError): number | undefined {
  return typeof error.lines === 'number' ? error.lines : undefined;
}

function malformed(message: string, line?: number): TouchpointError {
  return new TouchpointError('TP_INGEST_MALFORMED_CSV', message, line === undefined ? undefined : [{ path: `line ${line}`, message }]);
}

function checkHeader(columns: readonly string[]): void {
  const unknown = columns.filter((column) => !KNOWN_COLUMNS.has(column));
  const missing = REQUIRED_COLUMNS.filter((column) => !columns.includes(column));
  if (unknown.length > 0 || missing.length > 0) {
    throw new TouchpointError('TP_INGEST_MALFORMED_CSV', 'the header does not name the expected columns', [
      ...missing.map((column) => ({ path: column, message: 'missing column' })),
      ...unknown.map((column) => ({ path: column.slice(0, 100), message: 'unknown column' })),
    ]);
  }
}

function toTransaction(rows: readonly ReadRow[]): StoreTransaction | z.core.$ZodIssue[] {
  const [{ row: first }] = rows;
  const parsed = storeTransactionSchema.safeParse({
    transactionId: first.transactionId,
    kind: first.kind,
    storeId: first.storeId,
    occurredAt: first.occurredAt,
    ...(first.currency ? { currency: first.currency } : {}),
    lines: rows.map(({ row }) => ({
      productId: row.productId,
      ...(row.sku ? { sku: row.sku } : {}),
      ...(row.name ? { name: row.name } : {}),
      quantity: row.quantity,
      unitPrice: row.unitPrice,
    })),
    customer: Object.fromEntries(
      (['loyaltyId', 'posCustomerId', 'email', 'phone'] as const).flatMap((column) => (first[column] ? [[column, first[column]]] : [])),
    ),
    ...(first.originalTransactionId ? { originalTransactionId: first.originalTransactionId } : {}),
  });
  return parsed.success ? parsed.data : parsed.error.issues;
}

/** Where a schema issue of a transaction sits in the file: the row of its line item, or its first row. */
function rejectionFor(issue: z.core.$ZodIssue, rows: readonly ReadRow[]): CsvRejection {
  const [head, index, field] = issue.path;
  const onLine = head === 'lines' && typeof index === 'number' ? rows[index] : undefined;
  const column = onLine ? String(field ?? 'productId') : head === 'customer' ? String(index) : head === 'lines' ? 'productId' : String(head ?? '(row)');
  return { line: (onLine ?? rows[0]).line, code: 'TP_INGEST_VALIDATION_FAILED', message: issue.message, path: column };
}

/** The issues of one group of rows, or none: rows disagreeing with the first on a transaction column. */
function inconsistencies(rows: readonly ReadRow[]): CsvRejection[] {
  const [first, ...rest] = rows;
  return rest.flatMap(({ line, row }) =>
    TRANSACTION_COLUMNS.filter((column) => row[column] !== first.row[column]).map((column) => ({
      line,
      code: 'TP_INGEST_VALIDATION_FAILED' as const,
      message: `differs from line ${first.line}, the first row of transaction ${first.row.transactionId}`,
      path: column,
    })),
  );
}

/**
 * Reads a POS export: rows grouped into transactions by transactionId. A transaction with any bad
 * row is rejected whole (importing part of a sale would publish a wrong order under its final id);
 * the others are returned for import. A file that cannot be read at all throws TP_INGEST_MALFORMED_CSV.
 */
export function readStoreTransactionsCsv(text: string): StoreTransactionsCsv {
  const rejected: CsvRejection[] = [];
  let fatal: CsvError | undefined;
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      columns: (header: string[]) => {
        const columns = header.map((column) => column.trim());
        checkHeader(columns);
        return columns;
      },
      info: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        if (!error) return undefined;
        // An unclosed quote swallows the rest of the file: nothing after it can be trusted.
        if (error.code === 'CSV_QUOTE_NOT_CLOSED') fatal ??= error;
        else rejected.push({ line: lineOf(error) ?? 0, code: 'TP_INGEST_MALFORMED_CSV', message: error.message, path: '(row)' });
        return undefined;
      },
    });
  } catch (error) {
    if (error instanceof TouchpointError) throw error;
    if (error instanceof CsvError) throw malformed(`the file is not readable CSV: ${error.message}`, lineOf(error));
    throw error;
  }
  if (fatal) throw malformed(`the file is not readable CSV: ${fatal.message}`, lineOf(fatal));
  if (records.length === 0 && rejected.length === 0) throw malformed('the file has no rows');

  const groups = new Map<string, ReadRow[]>();
  const badGroups = new Map<string, number>();
  for (const { record, info } of records) {
    const parsed = rowSchema.safeParse(record);
    const transactionId = typeof record.transactionId === 'string' ? record.transactionId.trim() : '';
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        rejected.push({ line: info.lines, code: 'TP_INGEST_VALIDATION_FAILED', message: issue.message, path: String(issue.path[0] ?? '(row)') });
      }
      if (transactionId && !badGroups.has(transactionId)) badGroups.set(transactionId, info.lines);
    }
    if (!transactionId) continue;
    const group = groups.get(transactionId) ?? [];
    if (parsed.success) group.push({ line: info.lines, row: parsed.data });
    groups.set(transactionId, group);
  }

  const transactions: CsvTransaction[] = [];
  for (const [transactionId, rows] of groups) {
    const issues = rows.length === 0 ? [] : inconsistencies(rows);
    const transaction = rows.length === 0 || issues.length > 0 || badGroups.has(transactionId) ? undefined : toTransaction(rows);
    if (transaction && !Array.isArray(transaction)) {
      transactions.push({ transaction, lines: rows.map(({ line }) => line) });
      continue;
    }
    if (Array.isArray(transaction)) issues.push(...transaction.map((issue) => rejectionFor(issue, rows)));
    rejected.push(...issues);
    const firstBad = badGroups.get(transactionId) ?? issues[0]?.line;
    const reported = new Set(issues.map(({ line }) => line));
    for (const { line } of rows.filter(({ line }) => !reported.has(line) && line !== firstBad)) {
      rejected.push({ line, code: 'TP_INGEST_VALIDATION_FAILED', message: `not imported: line ${firstBad} of transaction ${transactionId} was rejected`, path: 'transactionId' });
    }
  }
  return { transactions, rejected: rejected.sort((a, b) => a.line - b.line) };
}
