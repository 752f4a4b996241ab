import { Metrics } from '@touchpoint/service-runtime';
import { MergeCounters } from './merge-counters';

describe('identity merge counters', () => {
  it('counts merges by linking type, refusals by reason and unmerges', async () => {
    const metrics = new Metrics('identity');
    const counters = new MergeCounters(metrics);
    expect(await metrics.render()).toContain('touchpoint_identity_unmerges_total{service="identity"} 0');
    counters.merged([{ reason: 'loyaltyId' }, { reason: 'loyaltyId' }, { reason: 'email' }]);
    counters.refused([{ reason: 'shared_identifier' }]);
    counters.unmerged();
    const text = await metrics.render();
    expect(text).toContain('touchpoint_identity_merges_total{reason="loyaltyId",service="identity"} 2');
    expect(text).toContain('touchpoint_identity_merges_total{reason="email",service="identity"} 1');
    expect(text).toContain('touchpoint_identity_merge_refusals_total{reason="shared_identifier",service="identity"} 1');
    expect(text).toContain('touchpoint_identity_unmerges_total{service="identity"} 1');
  });

  it('counts nothing, and does not fail, without Metrics', () => {
    expect(() => new MergeCounters().merged([{ reason: 'userId' }])).not.toThrow();
  });
});
