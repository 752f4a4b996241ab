import { TouchpointError } from '@touchpoint/contracts';
import { requireWriteScope, type WriteScope } from './write-scope';

const refusal = (kind: 'web' | 'app' | 'pos', scope: WriteScope): TouchpointError | undefined => {
  try {
    requireWriteScope({ source: `${kind}-source`, kind }, scope);
    return undefined;
  } catch (error) {
    if (error instanceof TouchpointError) return error;
    throw error;
  }
};

describe('requireWriteScope', () => {
  it('lets web and app keys post Segment calls and only pos keys post store transactions', () => {
    const allowed = (['web', 'app', 'pos'] as const).flatMap((kind) =>
      (['segment', 'store'] as const).filter((scope) => refusal(kind, scope) === undefined).map((scope) => `${kind}:${scope}`),
    );
    expect(allowed).toEqual(['web:segment', 'app:segment', 'pos:store']);
  });

  it('refuses with TP_INGEST_WRITE_KEY_SCOPE naming what the key may post and what the endpoint needs', () => {
    const web = refusal('web', 'store');
    expect(web?.code).toBe('TP_INGEST_WRITE_KEY_SCOPE');
    expect(web?.message).toMatch(/source "web-source" \(kind web\) may post Segment calls .* only; store transactions .* need a pos write key$/);
    expect(web?.details).toEqual({ source: 'web-source', kind: 'web', allowed: ['segment'], required: 'store' });
    expect(refusal('pos', 'segment')?.message).toMatch(/\(kind pos\) may post store transactions .* only; Segment calls .* need a web or app write key$/);
  });
});
