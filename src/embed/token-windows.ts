/**
 * Covers a token sequence longer than `size` with the fewest windows of `size` tokens, evenly
 * spaced (neighbours overlap), so a sentence encoder that reads `size` tokens sees all of it.
 */
export function tokenWindows(ids: number[], size: number): number[][] {
  if (ids.length <= size) return [ids];
  const count = Math.ceil(ids.length / size);
  const lastStart = ids.length - size;
  return Array.from({ length: count }, (_, i) => {
    const start = Math.round((i * lastStart) / (count - 1));
    return ids.slice(start, start + size);
  });
}

/** The unit-length mean direction of unit vectors (one vector is returned as it is). */
export function meanDirection(vectors: Float32Array[]): Float32Array {
  if (vectors.length === 1) return vectors[0];
  const out = new Float32Array(vectors[0].length);
  for (const v of vectors) for (let i = 0; i < v.length; i++) out[i] += v[i];
  let norm = 0;
  for (let i = 0; i < out.length; i++) norm += out[i] * out[i];
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return out.map((x) => x * scale);
}
