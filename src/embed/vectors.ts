/** Scales `v` in place to unit length (a zero vector stays zero) and returns it. */
export function normalizeInPlace(v: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i] * v[i];
  if (sum === 0) return v;
  const scale = 1 / Math.sqrt(sum);
  for (let i = 0; i < v.length; i++) v[i] *= scale;
  return v;
}

/** Dot product; equals cosine similarity for unit vectors. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`dot: length ${a.length} != ${b.length}`);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

/** Splits a flat row-major [rows, dims] buffer into one copied vector per row. */
export function splitRows(flat: Float32Array, dims: number): Float32Array[] {
  const rows: Float32Array[] = [];
  for (let start = 0; start < flat.length; start += dims) {
    rows.push(flat.slice(start, start + dims));
  }
  return rows;
}
