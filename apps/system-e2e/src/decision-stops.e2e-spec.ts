import { randomUUID } from 'node:crypto';
import { type RecommendationMessage, type ResolvedEvent, Topics } from '@touchpoint/contracts';
import { startTestKafka, type TestKafka } from '@touchpoint/kafka-testing';
import { buyJacketInStore, HARNESS_ADMIN_TOKEN, HARNESS_READ_TOKEN, IngestClient, JACKET, startTestSystem, type TestSystem, TopicWatcher } from '@touchpoint/system-harness';

/**
 * The stop reasons the customer story does not play, through the whole system: a refusal of
 * advertising, an erasure, and a late identify that merges a retargeted web profile with the
 * profile of a store purchase.
 */
describe('every stop reason, end to end', () => {
  let kafka: TestKafka;
  let system: TestSystem;
  let watcher: TopicWatcher;
  let ingest: IngestClient;

  beforeAll(async () => {
    kafka = await startTestKafka({ defaultPartitions: 3 });
    system = await startTestSystem({ label: 'stops', kafkaBrokers: kafka.brokers, logLevel: 'warn' });
    watcher = new TopicWatcher(system.kafkaBrokers);
    await watcher.start([Topics.eventsResolved.name, Topics.recommendations.name]);
    ingest = new IngestClient(system.urls.ingest);
  }, 180_000);

  afterAll(async () => {
    await watcher?.stop();
    await system?.stop();
    await kafka?.dispose();
  });

  const profileOf = async (messageId: string): Promise<string> =>
    (await watcher.waitFor<ResolvedEvent>(Topics.eventsResolved.name, (e) => e.event.messageId === messageId, 30_000, `resolution of ${messageId}`)).value.profileId;
  const told = (what: string, match: (m: RecommendationMessage) => boolean) => watcher.waitFor<RecommendationMessage>(Topics.recommendations.name, match, 30_000, what);
  const stopOf = (profileId: string) => told(`retargeting.stopped for ${profileId}`, (m) => m.type === 'retargeting.stopped' && m.profileId === profileId && m.productId === JACKET.product_id);

  /** A web visitor with the jacket in her cart and its retargeting started. */
  async function cartedShopper(tag: string): Promise<{ anonymousId: string; profileId: string }> {
    const anonymousId = `anon-${tag}-${randomUUID().slice(0, 8)}`;
    const profileId = await profileOf(await ingest.track({ anonymousId }, 'Product Added', JACKET));
    await told(`retargeting.started for ${tag}`, (m) => m.type === 'retargeting.started' && m.profileId === profileId);
    return { anonymousId, profileId };
  }

  const pull = async (profileId: string) => {
    const response = await fetch(`${system.urls.recommendation}/v1/profiles/${profileId}/recommendations`, { headers: { authorization: `Bearer ${HARNESS_READ_TOKEN}` } });
    return { status: response.status, body: (await response.json()) as { profileId: string; retargeting: string[]; recommendations: { productId: string }[] } };
  };

  it('stops with opted_out when the customer refuses advertising', async () => {
    const { anonymousId, profileId } = await cartedShopper('consent');
    await ingest.track({ anonymousId }, 'Consent Updated', { categoryPreferences: { advertising: false } });
    expect((await stopOf(profileId)).value).toMatchObject({ reason: 'opted_out' });
    expect((await pull(profileId)).body.retargeting).toEqual([]);
  }, 120_000);

  it('stops with erased when the customer is erased, and the pull API forgets her', async () => {
    const { profileId } = await cartedShopper('erasure');
    const deleted = await fetch(`${system.urls.identity}/v1/profiles/${profileId}`, { method: 'DELETE', headers: { authorization: `Bearer ${HARNESS_ADMIN_TOKEN}` } });
    expect(deleted.status).toBeLessThan(300);
    expect((await stopOf(profileId)).value).toMatchObject({ reason: 'erased', survivorProfileId: null });
    const deadline = Date.now() + 20_000;
    while ((await pull(profileId)).status !== 404 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await pull(profileId)).status).toBe(404);
  }, 120_000);

  it('stops the web profile retargeting when a late identify links it to a store purchase', async () => {
    const { anonymousId, profileId: webProfile } = await cartedShopper('late-identify');
    const loyaltyId = `LOY-late-${randomUUID().slice(0, 8)}`;
    await buyJacketInStore(ingest, { loyaltyId }, `T-${randomUUID()}`);
    await ingest.identify({ anonymousId, userId: `user-${loyaltyId}` }, { loyaltyId });
    const stop = (await stopOf(webProfile)).value;
    if (stop.type !== 'retargeting.stopped') throw new Error('not a stop');
    // Whichever profile survives, the web profile's retargeting of the jacket ends: merged away into the store
    // buyer's profile, or kept as the survivor that now owns the jacket.
    expect(stop.reason === 'purchased_in_store' || (stop.reason === 'profile_merged' && stop.survivorProfileId !== null)).toBe(true);
    const survivor = stop.reason === 'profile_merged' ? (stop.survivorProfileId ?? webProfile) : webProfile;
    const deadline = Date.now() + 20_000;
    let answer = await pull(webProfile);
    while (answer.body.recommendations?.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      answer = await pull(webProfile);
    }
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ profileId: survivor, retargeting: [] });
    expect(answer.body.recommendations.map((item) => item.productId)).toEqual(['gloves-7', 'scarf-3', 'beanie-9']);
  }, 120_000);
});
