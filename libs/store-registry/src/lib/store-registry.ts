import { z } from 'zod';

/** Namespaces loyalty cards and POS customer ids, so it never contains the ":" that separates them. */
const chainId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and -, at most 64');

const timeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone, e.g. Europe/Amsterdam');

export const storeSchema = z.strictObject({
  storeId: z.string().trim().min(1).max(128),
  chainId,
  /** ISO 3166-1 alpha-2: the default region of phone numbers typed at its tills. */
  country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code, e.g. NL'),
  /** ISO 4217: what its tills charge in. */
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code, e.g. EUR'),
  timeZone,
});
export type Store = z.infer<typeof storeSchema>;

/** Version 1 of the registry file: every store Touchpoint accepts transactions from. */
export const storeRegistryFileSchema = z
  .strictObject({
    version: z.literal(1),
    /** The chain web and app events belong to: their loyalty cards are this chain's cards. */
    defaultChainId: chainId,
    stores: z.array(storeSchema).min(1),
  })
  .superRefine((file, context) => {
    const seen = new Set<string>();
    file.stores.forEach((store, index) => {
      if (seen.has(store.storeId)) context.addIssue({ code: 'custom', path: ['stores', index, 'storeId'], message: `store ${store.storeId} is listed twice` });
      seen.add(store.storeId);
    });
  });
export type StoreRegistryFile = z.infer<typeof storeRegistryFileSchema>;

/** Which chain, country, currency and time zone each store belongs to. Immutable once loaded. */
export class StoreRegistry {
  private readonly byId: ReadonlyMap<string, Store>;

  constructor(private readonly file: StoreRegistryFile) {
    this.byId = new Map(file.stores.map((store) => [store.storeId, Object.freeze({ ...store })]));
  }

  get version(): number {
    return this.file.version;
  }

  get defaultChainId(): string {
    return this.file.defaultChainId;
  }

  /** undefined for a store the registry does not know: its transactions are refused. */
  find(storeId: string): Store | undefined {
    return this.byId.get(storeId);
  }

  /** The chain an event belongs to: its store's, or the default chain for web and app events. */
  chainOf(storeId: string | undefined | null): string {
    return (storeId ? this.byId.get(storeId)?.chainId : undefined) ?? this.file.defaultChainId;
  }

  get size(): number {
    return this.byId.size;
  }
}

export class StoreRegistryError extends Error {
  override readonly name = 'StoreRegistryError';
}

/** Validates a registry document; the error names each bad field path. */
export function parseStoreRegistry(document: unknown, source = 'store registry'): StoreRegistry {
  const parsed = storeRegistryFileSchema.safeParse(document);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`).join('\n');
    throw new StoreRegistryError(`${source} is invalid:\n${problems}`);
  }
  return new StoreRegistry(parsed.data);
}
