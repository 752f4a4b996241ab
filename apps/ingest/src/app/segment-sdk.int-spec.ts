import 'reflect-metadata';
import { Analytics } from '@segment/analytics-node';
import { type IngestHarness, startIngestHarness, WEB_KEY } from '../testing/ingest-harness';

/** The official Node SDK posts batches to host + /v1/batch with Basic auth and writeKey in the body. */
describe('@segment/analytics-node against ingest', () => {
  let ingest: IngestHarness;

  beforeAll(async () => {
    ingest = await startIngestHarness();
  }, 30_000);

  afterAll(async () => {
    await ingest?.stop();
  });

  it('delivers track, identify and page calls from the SDK to tp.events.raw.v1', async () => {
    const analytics = new Analytics({ writeKey: WEB_KEY, host: ingest.baseUrl, flushAt: 3, flushInterval: 200, maxRetries: 2 });
    const failures: unknown[] = [];
    analytics.on('error', (error) => failures.push(error));
    const delivered: Promise<void>[] = [];
    const callback = (resolve: () => void, reject: (reason: unknown) => void) => (error?: unknown) => (error ? reject(error) : resolve());
    delivered.push(
      new Promise((resolve, reject) =>
        analytics.track({ messageId: 'sdk-track-1', anonymousId: 'anon-sdk-1', event: 'Product Added', properties: { product_id: 'jacket-1' } }, callback(resolve, reject)),
      ),
      new Promise((resolve, reject) =>
        analytics.identify({ messageId: 'sdk-identify-1', userId: 'user-sdk-1', anonymousId: 'anon-sdk-1', traits: { loyaltyId: 'L-SDK-1' } }, callback(resolve, reject)),
      ),
      new Promise((resolve, reject) =>
        analytics.page({ messageId: 'sdk-page-1', anonymousId: 'anon-sdk-1', name: 'Jackets', properties: { path: '/jackets' } }, callback(resolve, reject)),
      ),
    );
    await Promise.all(delivered);
    await analytics.closeAndFlush({ timeout: 5_000 });
    expect(failures).toEqual([]);

    const [track, identify, page] = await Promise.all(['sdk-track-1', 'sdk-identify-1', 'sdk-page-1'].map((id) => ingest.landedEvent(id)));
    expect(track).toMatchObject({ type: 'track', event: 'Product Added', anonymousId: 'anon-sdk-1', properties: { product_id: 'jacket-1' } });
    expect(track.context).toMatchObject({ library: { name: '@segment/analytics-node' } });
    expect(track).not.toHaveProperty('writeKey');
    expect(identify).toMatchObject({ type: 'identify', userId: 'user-sdk-1', traits: { loyaltyId: 'L-SDK-1' } });
    expect(page).toMatchObject({ type: 'page', name: 'Jackets', properties: { path: '/jackets' } });
    // The SDK stamps sentAt, so ingest corrects the event time for its clock.
    expect(track.sentAt).toBeDefined();
  });
});
