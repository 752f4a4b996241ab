import type { WriteKeyKind, WriteKeySource } from '@touchpoint/config';
import { TouchpointError } from '@touchpoint/contracts';

/** What an endpoint writes: Segment calls (`/v1/track` and its siblings) or store transactions (`/v1/store/*`). */
export type WriteScope = 'segment' | 'store';

/** Sites and apps send Segment calls, tills send sales; none may post the other's data. */
const scopesOf: Readonly<Record<WriteKeyKind, readonly WriteScope[]>> = {
  web: ['segment'],
  app: ['segment'],
  pos: ['store'],
};

const whatScopeIs: Readonly<Record<WriteScope, string>> = {
  segment: 'Segment calls (/v1/track, /v1/identify, /v1/page, /v1/screen, /v1/group, /v1/alias, /v1/batch, /v1/import)',
  store: 'store transactions (/v1/store/transactions, /v1/store/transactions.csv)',
};

const kindsFor = (scope: WriteScope): WriteKeyKind[] =>
  (Object.keys(scopesOf) as WriteKeyKind[]).filter((kind) => scopesOf[kind].includes(scope));

/** Throws TP_INGEST_WRITE_KEY_SCOPE unless a key of this source may write what the endpoint writes. */
export function requireWriteScope(key: WriteKeySource, scope: WriteScope): void {
  const allowed = scopesOf[key.kind];
  if (allowed.includes(scope)) return;
  throw new TouchpointError(
    'TP_INGEST_WRITE_KEY_SCOPE',
    `the write key of source "${key.source}" (kind ${key.kind}) may post ${allowed.map((s) => whatScopeIs[s]).join(' and ')} only; ` +
      `${whatScopeIs[scope]} need a ${kindsFor(scope).join(' or ')} write key`,
    { source: key.source, kind: key.kind, allowed, required: scope },
  );
}
