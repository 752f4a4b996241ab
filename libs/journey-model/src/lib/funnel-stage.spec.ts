import { days, definitionsWith, minutes, onlineOrder, page, storeReturn, storeSale, track, viewOf } from '../testing/journey-fixtures';

const stageOf = (items: Parameters<typeof viewOf>[0], definitions?: Parameters<typeof viewOf>[1]) => {
  const { summary } = viewOf(items, definitions);
  return [summary.stage, summary.stageRule];
};

const review = (rating: unknown, at: number) => track('Product Reviewed', { product_id: 'jacket', rating }, at);
const twoOrders = [onlineOrder('1', [['jacket', 1, 100]], days(0)), storeSale('store-a', 'T2', [['scarf', 1, 20]], days(200))];

describe('funnel stage', () => {
  it('starts at awareness, with or without events', () => {
    expect(stageOf([])).toEqual(['awareness', 'awareness: no events yet']);
    expect(stageOf([page('/', minutes(0))])).toEqual(['awareness', 'awareness: seen']);
  });

  it('considers once a product was viewed or carted', () => {
    expect(stageOf([track('Product Viewed', { product_id: 'jacket' }, minutes(0))])).toEqual(['consideration', 'consideration: viewed a product']);
    expect(stageOf([track('Product Added', { product_id: 'jacket' }, minutes(0)), track('Product Removed', { product_id: 'jacket' }, minutes(1))])).toEqual([
      'consideration',
      'consideration: carted a product',
    ]);
  });

  it('acts on a net order and not on a fully refunded one', () => {
    expect(stageOf([onlineOrder('1', [['jacket', 1, 100]], days(0))])).toEqual(['action', 'action: 1 order']);
    expect(stageOf([storeSale('store-a', 'T1', [['jacket', 1, 100]], days(0)), storeReturn('store-b', 'R1', 'T1', [['jacket', 1, 100]], days(1))])).toEqual([
      'awareness',
      'awareness: seen (1 fully refunded order not counted)',
    ]);
  });

  it('is loyal with two net orders within 365 days, across channels', () => {
    expect(stageOf(twoOrders)).toEqual(['loyalty', 'loyalty: 2 orders within 365 days']);
    expect(stageOf([onlineOrder('1', [['jacket', 1, 100]], days(0)), onlineOrder('2', [['scarf', 1, 20]], days(366))])).toEqual([
      'action',
      'action: 2 orders, no 2 within 365 days',
    ]);
    expect(stageOf([...twoOrders, storeReturn('store-a', 'R1', 'T2', [['scarf', 1, 20]], days(201))])).toEqual(['action', 'action: 1 order (1 fully refunded order not counted)']);
  });

  it('makes an advocate of a loyal customer who reviews well, refers or shares', () => {
    expect(stageOf([...twoOrders, review(5, days(201))])).toEqual(['advocacy', 'advocacy: loyalty and a review rated 5']);
    expect(stageOf([review(4, days(-3)), ...twoOrders])).toEqual(['advocacy', 'advocacy: loyalty and a review rated 4']);
    expect(stageOf([...twoOrders, track('Referral Sent', {}, days(201))])).toEqual(['advocacy', 'advocacy: loyalty and a referral']);
    expect(stageOf([...twoOrders, track('Product Shared', { product_id: 'jacket' }, days(201))])).toEqual(['advocacy', 'advocacy: loyalty and a share']);
  });

  it('never makes an advocate of a bad review, a review without rating, or a customer below the required stage', () => {
    expect(stageOf([...twoOrders, review(2, days(201)), review(3.9, days(202))])[0]).toBe('loyalty');
    expect(stageOf([...twoOrders, review(null, days(201)), review('great', days(202))])[0]).toBe('loyalty');
    expect(stageOf([onlineOrder('1', [['jacket', 1, 100]], days(0)), review(5, days(1))])[0]).toBe('action');
  });

  it('follows the configured prerequisite', () => {
    const fromAction = definitionsWith((json) => {
      (json['advocacy'] as Record<string, unknown>)['requiresStage'] = 'action';
    });
    expect(stageOf([onlineOrder('1', [['jacket', 1, 100]], days(0)), review(5, days(1))], fromAction)).toEqual(['advocacy', 'advocacy: action and a review rated 5']);
  });
});
