import { Coalescer } from './coalescer';

describe('Coalescer', () => {
  it('runs a lone request at once, and batches what arrives while batches are in flight', async () => {
    const batches: number[][] = [];
    const coalescer = new Coalescer<number, number>(async (requests) => {
      batches.push([...requests]);
      await new Promise((resolve) => setTimeout(resolve, 10));
      return requests.map((n) => n * 10);
    }, 1);
    expect(await coalescer.run(1)).toBe(10);
    const results = await Promise.all([2, 3, 4, 5].map((n) => coalescer.run(n)));
    expect(results).toEqual([20, 30, 40, 50]);
    expect(batches[0]).toEqual([1]);
    expect(batches.flat()).toEqual([1, 2, 3, 4, 5]);
    // Four concurrent requests behind one in flight: at most two round trips, not four.
    expect(batches.length).toBeLessThanOrEqual(3);
  });

  it('fails every request of a failed batch, and keeps serving later ones', async () => {
    let fail = true;
    const coalescer = new Coalescer<number, number>(async (requests) => {
      if (fail) throw new Error('down');
      return [...requests];
    });
    await expect(coalescer.run(1)).rejects.toThrow('down');
    fail = false;
    await expect(coalescer.run(2)).resolves.toBe(2);
  });
});
