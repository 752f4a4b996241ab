import { randomUUID } from 'node:crypto';
import { type JourneyTransitionV2, type ResolvedEvent, Topics } from '@touchpoint/contracts';
import { startTestKafka, type TestKafka, waitFor } from '@touchpoint/kafka-testing';
import { HARNESS_ADMIN_TOKEN, HARNESS_READ_TOKEN, IngestClient, JACKET, startTestSystem, type TestSystem, TopicWatcher } from '@touchpoint/system-harness';

/** The fields of a tp.recommendations message this story reads. */
interface Decision {
  readonly type: string;
  readonly profileId: string;
  readonly productId?: string;
  readonly reason?: string;
}

interface JourneyAnswer {
  readonly products: Record<string, { readonly unitsInCart: number; readonly unitsOwned: number }>;
}

/**
 * A shop assistant scans her own loyalty card for a walk-in customer: identity merges the two,
 * and the walk-in's purchase stops the assistant's retargeting. An operator undoes the merge;
 * then both journeys are right again, and so are the decisions: the assistant's wrongly
 * stopped retargeting starts again under her own profile, the walk-in's, stopped by her own
 * purchase, stays stopped.
 */
describe('a wrong merge through a shared loyalty card, undone', () => {
  let kafka: TestKafka;
  let system: TestSystem;
  let watcher: TopicWatcher;
  let ingest: IngestClient;
  const run = randomUUID().slice(0, 8);
  const story = { assistant: '', walkIn: '', mergeId: '', unmergedAt: 0 };

  beforeAll(async () => {
    kafka = await startTestKafka({ defaultPartitions: 3 });
    system = await startTestSystem({ label: 'unmerge', kafkaBrokers: kafka.brokers, logLevel: 'warn' });
    watcher = new TopicWatcher(system.kafkaBrokers);
    await watcher.start([Topics.eventsResolved.name, Topics.identityUnmerged.name, Topics.journeyTransitions.name, Topics.recommendations.name]);
    ingest = new IngestClient(system.urls.ingest);
  }, 180_000);

  afterAll(async () => {
    await watcher?.stop();
    await system?.stop();
    await kafka?.dispose();
  });

  const resolution = (messageId: string) =>
    watcher.waitFor<ResolvedEvent>(Topics.eventsResolved.name, (e) => e.event.messageId === messageId, 30_000, `resolution of ${messageId}`);
  const decision = (match: (m: Decision) => boolean, what: string) => watcher.waitFor<Decision>(Topics.recommendations.name, match, 30_000, what);

  async function call<T>(method: 'GET' | 'POST', url: string, token: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-requested-by': 'support-ticket-1234' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  async function withServiceLogs<T>(step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- service warnings and errors ---\n${system.serviceWarnings(30)}`);
    }
  }

  it('merges the two through the card, and the walk-in purchase stops the assistant retargeting', async () => {
    await withServiceLogs(async () => {
      const assistantWeb = `assistant-web-${run}`;
      const card = `LOY-assistant-${run}`;
      story.assistant = (await resolution(await ingest.track({ anonymousId: assistantWeb }, 'Product Added', JACKET))).value.profileId;
      await resolution(await ingest.page({ anonymousId: assistantWeb }, 'Loyalty card', {}, { loyaltyId: card }));

      const walkInWeb = `walk-in-web-${run}`;
      const walkInEmail = `walk-in-${run}@mail.example`;
      story.walkIn = (await resolution(await ingest.track({ anonymousId: walkInWeb }, 'Product Added', JACKET))).value.profileId;
      await resolution(await ingest.identify({ anonymousId: walkInWeb, userId: `walk-in-${run}` }, { email: walkInEmail }));
      for (const profileId of [story.assistant, story.walkIn]) {
        await decision((m) => m.type === 'retargeting.started' && m.profileId === profileId && m.productId === JACKET.product_id, `retargeting of ${profileId}`);
      }

      // At the till the assistant scans her own card; the receipt goes to the walk-in's email.
      await ingest.storeTransaction({
        transactionId: `till-${run}`,
        kind: 'order',
        storeId: 'store-amsterdam-01',
        occurredAt: new Date().toISOString(),
        currency: 'EUR',
        lines: [{ productId: JACKET.product_id, name: JACKET.name, quantity: 1, unitPrice: JACKET.price }],
        customer: { loyaltyId: card, email: walkInEmail },
      });
      await decision((m) => m.type === 'retargeting.stopped' && m.profileId === story.assistant && m.productId === JACKET.product_id, "the assistant's retargeting stopped");

      const merges = await call<{ merges: { mergeId: string; survivorProfileId: string; mergedProfileId: string; linkedBy: { type: string } }[] }>(
        'GET',
        `${system.urls.identity}/v1/profiles/${story.assistant}/merges`,
        HARNESS_READ_TOKEN,
      );
      expect(merges.body.merges).toEqual([expect.objectContaining({ survivorProfileId: story.assistant, mergedProfileId: story.walkIn, linkedBy: expect.objectContaining({ type: 'loyaltyId' }) })]);
      story.mergeId = merges.body.merges[0].mergeId;
    });
  });

  it('undoes the merge: identity splits the profiles, journey re-folds both', async () => {
    await withServiceLogs(async () => {
      const url = `${system.urls.identity}/v1/profiles/${story.assistant}/unmerge`;
      expect((await call('POST', url, HARNESS_READ_TOKEN, { mergeId: story.mergeId })).status).toBe(401);
      // Anything recommendation says from here on may already be the correction.
      story.unmergedAt = Date.now();
      const unmerged = await call<{ unmergeId: string; restoredProfileId: string; causedByProfileId: string }>('POST', url, HARNESS_ADMIN_TOKEN, { mergeId: story.mergeId });
      expect(unmerged.status).toBe(200);
      expect(unmerged.body).toMatchObject({ restoredProfileId: story.walkIn, causedByProfileId: story.walkIn });
      // Twice changes nothing: the same unmerge is answered.
      expect((await call('POST', url, HARNESS_ADMIN_TOKEN, { mergeId: story.mergeId })).body).toEqual(unmerged.body);

      for (const profileId of [story.assistant, story.walkIn]) {
        await watcher.waitFor<JourneyTransitionV2>(
          Topics.journeyTransitions.name,
          (t) => t.profileId === profileId && t.kind === 'changed' && t.cause.kind === 'unmerge' && t.cause.id === unmerged.body.unmergeId,
          30_000,
          `journey's unmerge transition of ${profileId}`,
        );
      }
      const journeyOf = (profileId: string) => call<JourneyAnswer>('GET', `${system.urls.journey}/v1/profiles/${profileId}/journey`, HARNESS_READ_TOKEN);
      const assistant = await journeyOf(story.assistant);
      const walkIn = await journeyOf(story.walkIn);
      expect(assistant.status).toBe(200);
      expect(walkIn.status).toBe(200);
      expect(assistant.body.products[JACKET.product_id]).toMatchObject({ unitsInCart: 1, unitsOwned: 0 });
      expect(walkIn.body.products[JACKET.product_id]).toMatchObject({ unitsOwned: 1 });
    });
  });

  it("corrects the decisions: the assistant's retargeting starts again under her profile, the walk-in's stays stopped", async () => {
    await withServiceLogs(async () => {
      await waitFor(
        () =>
          watcher
            .all<Decision>(Topics.recommendations.name, (m) => m.type === 'retargeting.started' && m.profileId === story.assistant && m.productId === JACKET.product_id)
            .find((m) => m.receivedAt >= story.unmergedAt),
        "the assistant's retargeting started again after the unmerge",
        30_000,
      );
      // Recommendation answers per profile in order: once it has spoken for the walk-in after the
      // unmerge (a cart of boots she adds now), a restart of her jacket would have come before.
      await ingest.track({ anonymousId: `walk-in-web-${run}` }, 'Product Added', { product_id: 'boots-11', name: 'Leather boots', price: 149 });
      await decision((m) => m.type === 'retargeting.started' && m.profileId === story.walkIn && m.productId === 'boots-11', "the walk-in's boots");
      const restarted = watcher
        .all<Decision>(Topics.recommendations.name, (m) => m.type === 'retargeting.started' && m.profileId === story.walkIn && m.productId === JACKET.product_id)
        .filter((m) => m.receivedAt >= story.unmergedAt);
      expect(restarted).toEqual([]);
    });
  });
});
