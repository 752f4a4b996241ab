import { SpendPyramid } from './spend-pyramid';

const tiers = ['prospect', 'small', 'medium', 'large', 'top'];

describe('SpendPyramid', () => {
  it("counts each profile once, on its latest tier, and drops merged-away and erased ones", () => {
    const pyramid = new SpendPyramid();
    pyramid.apply('a', ['stage:action', 'tier:prospect']);
    pyramid.apply('a', ['stage:action', 'tier:small']);
    pyramid.apply('b', ['tier:small']);
    pyramid.apply('c', ['tier:top', 'cart_abandoner']);
    pyramid.apply('d', ['tier:medium']);
    expect(pyramid.counts(tiers)).toEqual([
      { tier: 'prospect', profiles: 0 },
      { tier: 'small', profiles: 2 },
      { tier: 'medium', profiles: 1 },
      { tier: 'large', profiles: 0 },
      { tier: 'top', profiles: 1 },
    ]);
    pyramid.apply('c', []);
    pyramid.apply('d', null);
    expect(pyramid.counts(tiers).filter((row) => row.profiles > 0)).toEqual([{ tier: 'small', profiles: 2 }]);
  });
});
