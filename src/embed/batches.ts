/**
 * Groups items into batches of at most `size`, putting items of similar length together so a
 * batch pads little (encoders pad every row to the batch's longest). Returns item indices.
 */
export function lengthSortedBatches(lengths: readonly number[], size: number): number[][] {
  if (!Number.isInteger(size) || size < 1) throw new Error(`batch size must be >= 1, got ${size}`);
  const order = lengths.map((_, i) => i).sort((a, b) => lengths[a] - lengths[b] || a - b);
  const batches: number[][] = [];
  for (let start = 0; start < order.length; start += size) {
    batches.push(order.slice(start, start + size));
  }
  return batches;
}

/**
 * Runs `embedBatch` over length-sorted batches, up to `concurrency` at a time, and returns the
 * results in input order, so callers see neither the sorting nor the batching.
 */
export async function embedInBatches<T, R>(
  items: readonly T[],
  lengthOf: (item: T) => number,
  size: number,
  embedBatch: (batch: T[]) => Promise<R[]>,
  concurrency = 1,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  const batches = lengthSortedBatches(items.map(lengthOf), size);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < batches.length) {
      const batch = batches[next++];
      const out = await embedBatch(batch.map((i) => items[i]));
      if (out.length !== batch.length) {
        throw new Error(`encoder returned ${out.length} vectors for ${batch.length} texts`);
      }
      batch.forEach((itemIndex, k) => (results[itemIndex] = out[k]));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
  return results;
}
