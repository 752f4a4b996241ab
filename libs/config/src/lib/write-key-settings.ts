import { z } from 'zod';

/**
 * What a write key's source is, and so what it may post: `web` and `app` send Segment calls,
 * `pos` sends store transactions. A leaked site key must not be able to forge a sale, and a
 * till must not be able to forge browsing, so no kind does both.
 */
export const WRITE_KEY_KINDS = ['web', 'app', 'pos'] as const;
export type WriteKeyKind = (typeof WRITE_KEY_KINDS)[number];

export interface WriteKeySource {
  /** The source's name (site, app, store chain): it names the key's rate-limit budget and nothing secret. */
  readonly source: string;
  readonly kind: WriteKeyKind;
}

/** The development and demo keys: not secret, and valid only where INGEST_WRITE_KEYS is left unset. */
export const DEMO_WRITE_KEYS = { web: 'tp_demo_write_key', pos: 'tp_demo_pos_write_key' } as const;

const kinds: readonly string[] = WRITE_KEY_KINDS;
const ENTRY = /^(?:([a-z]+)\/)?([A-Za-z0-9._-]+):([A-Za-z0-9._-]{8,})$/;

/**
 * The kind an entry states (`pos/store-chain:KEY`), else the source's own name when that is a kind
 * (`pos:KEY`, as configured before kinds existed), else `web`: an old entry keeps posting Segment
 * calls and loses only store transactions, which it should never have had.
 */
function kindOf(stated: string | undefined, source: string): WriteKeyKind | undefined {
  const kind = stated ?? (kinds.includes(source) ? source : 'web');
  return WRITE_KEY_KINDS.find((known) => known === kind);
}

/** INGEST_WRITE_KEYS: comma-separated `[kind/]source:key` entries, each key listed once. */
export const writeKeysSchema = z
  .string()
  .transform((value) => value.split(',').map((part) => part.trim()).filter(Boolean))
  .pipe(z.array(z.string()).min(1, 'list at least one [kind/]source:key entry'))
  .transform((entries, context) => {
    const keys = new Map<string, WriteKeySource>();
    for (const [index, entry] of entries.entries()) {
      const match = ENTRY.exec(entry);
      // The entry holds a key: the message names its position, never its text.
      const at = `entry ${index + 1}`;
      if (!match) {
        context.addIssue({ code: 'custom', message: `${at} must be [kind/]source:key with a key of at least 8 characters (letters, digits, . _ -)` });
        return z.NEVER;
      }
      const [, stated, source = '', key = ''] = match;
      const kind = kindOf(stated, source);
      if (!kind) {
        context.addIssue({ code: 'custom', message: `${at} has kind "${stated ?? ''}"; the kinds are ${WRITE_KEY_KINDS.join(', ')}` });
        return z.NEVER;
      }
      if (keys.has(key)) {
        context.addIssue({ code: 'custom', message: `${at} repeats a key listed before it: each key belongs to one source` });
        return z.NEVER;
      }
      keys.set(key, { source, kind });
    }
    return keys as ReadonlyMap<string, WriteKeySource>;
  });

export const writeKeySettingsSchema = z.object({
  INGEST_WRITE_KEYS: writeKeysSchema.default(
    new Map<string, WriteKeySource>([
      [DEMO_WRITE_KEYS.web, { source: 'demo', kind: 'web' }],
      [DEMO_WRITE_KEYS.pos, { source: 'demo-pos', kind: 'pos' }],
    ]),
  ),
});
