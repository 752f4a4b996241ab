import { randomUUID } from 'node:crypto';
import { type RecommendationMessage, Topics } from '@touchpoint/contracts';
import { testKafkaKind } from '@touchpoint/kafka-testing';
import { boughtInStore, carted } from '../testing/journey-view';
import { recommendationSuite } from '../testing/recommendation-suite';
import { changed } from '../testing/transitions';

describe(`catalog import on the ${testKafkaKind()} and PostgreSQL`, () => {
  const suite = recommendationSuite('catalog');
  const told = (what: string, match: (m: RecommendationMessage) => boolean) => suite.watcher.waitFor<RecommendationMessage>(Topics.recommendations.name, match, 20_000, what);

  const importJson = (products: unknown[]) => suite.service.postAdmin('/v1/catalog/products', JSON.stringify({ products }), 'application/json');
  const product = (productId: string, extra: Record<string, unknown> = {}) => ({ productId, name: productId, category: 'test', price: 10, currency: 'EUR', ...extra });

  it('withdraws a product that goes out of stock: its retargeting stops with out_of_stock and it leaves every list', async () => {
    const carter = randomUUID();
    const owner = randomUUID();
    await suite.service.publishTransitions(changed(carter, `cart-${carter}`, { 'boots-11': carted() }), changed(owner, `sale-${owner}`, { 'jacket-42': boughtInStore('2025-03-01T10:00:00.000Z') }));
    await told('retargeting of the boots', (m) => m.profileId === carter && m.type === 'retargeting.started');
    await told('the jacket accessories', (m) => m.profileId === owner && m.type === 'recommendations.updated');

    const answer = await importJson([product('boots-11', { inStock: false, accessories: ['socks-2'] }), product('gloves-7', { active: false }), product('broken', { price: -1 })]);
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({ imported: 2, rejected: [{ row: 3, path: 'price' }], profilesRedecided: 2 });
    const stop = await told('the out-of-stock stop', (m) => m.profileId === carter && m.type === 'retargeting.stopped');
    expect(stop.value).toMatchObject({ productId: 'boots-11', reason: 'out_of_stock', transitionId: null, cause: { kind: 'catalog' } });
    const list = await told('the list without gloves', (m) => m.profileId === owner && m.type === 'recommendations.updated' && m.cause.kind === 'catalog');
    expect(list.value.type === 'recommendations.updated' && list.value.items.map((i) => i.productId)).toEqual(['scarf-3', 'beanie-9']);

    // Back in stock: retargeting starts again.
    await suite.service.postAdmin('/v1/catalog/products', 'productId,name,category,price,currency,inStock\nboots-11,Leather boots,footwear,149,EUR,yes\n', 'text/csv');
    await told('retargeting again', (m) => m.profileId === carter && m.type === 'retargeting.started' && m.cause.kind === 'catalog');
  }, 60_000);

  it('refuses an unreadable import as a whole and an import without the admin token', async () => {
    const bad = await suite.service.postAdmin('/v1/catalog/products', 'productId,colour\nx,red\n', 'text/csv');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'TP_CATALOG_INVALID' });
    expect((await importJson([])).statusCode).toBe(200);
    const anonymous = await suite.service.app.getHttpAdapter().getInstance().inject({ method: 'POST', url: '/v1/catalog/products', payload: { products: [] } });
    expect(anonymous.statusCode).toBe(401);
  });
});
