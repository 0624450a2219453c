import { embedInBatches, lengthSortedBatches } from '../../src/embed/batches.js';

describe('batching', () => {
  it('groups items of similar length into batches of at most the given size', () => {
    expect(lengthSortedBatches([5, 1, 9, 2, 7], 2)).toEqual([[1, 3], [0, 4], [2]]);
    expect(() => lengthSortedBatches([1], 0)).toThrow(/batch size/);
  });

  it('returns results in input order whatever the batching', async () => {
    const texts = ['ccc', 'a', 'bbbbb', 'dd'];
    const seen: string[][] = [];
    const out = await embedInBatches(
      texts,
      (t) => t.length,
      3,
      async (batch) => {
        seen.push(batch);
        return batch.map((t) => t.toUpperCase());
      },
    );
    expect(out).toEqual(['CCC', 'A', 'BBBBB', 'DD']);
    expect(seen).toEqual([['a', 'dd', 'ccc'], ['bbbbb']]);
  });

  it('fails loudly when an encoder returns the wrong number of vectors', async () => {
    await expect(
      embedInBatches(
        ['a', 'b'],
        () => 1,
        2,
        async () => ['x'],
      ),
    ).rejects.toThrow(/1 vectors for 2 texts/);
  });
});
