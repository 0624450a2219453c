import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel } from '@tensorflow/tfjs-converter';
import { activateTfBackend, type TfBackendName } from './tfjs-backend.js';
import { localGraphModelHandler } from './use-lite-files.js';
import { normalizeInPlace, splitRows } from './vectors.js';

export const USE_LITE_DIMENSIONS = 512;

/** Token ids of a batch, packed for cheap transfer between threads: lengths, then all ids. */
export interface PackedRows {
  lengths: Int32Array;
  ids: Int32Array;
}

export function packRows(rows: number[][]): PackedRows {
  const lengths = Int32Array.from(rows, (r) => r.length);
  return { lengths, ids: Int32Array.from(rows.flat()) };
}

/** The USE-Lite graph: token-id rows in, one unit-length 512-d vector per row out. */
export interface UseLiteGraph {
  run(rows: PackedRows): Promise<Float32Array[]>;
  dispose(): void;
}

/** Loads the TF.js graph from the package folder on the given backend of this thread. */
export async function loadUseLiteGraph(dir: string, backend: TfBackendName): Promise<UseLiteGraph> {
  await activateTfBackend(backend);
  const model = await loadGraphModel(localGraphModelHandler(dir));
  return {
    async run({ lengths, ids }: PackedRows): Promise<Float32Array[]> {
      // The graph takes a sparse matrix: (row, position) -> token id.
      const indices = new Int32Array(ids.length * 2);
      let k = 0;
      lengths.forEach((length, row) => {
        for (let position = 0; position < length; position++, k++) {
          indices[2 * k] = row;
          indices[2 * k + 1] = position;
        }
      });
      const inputs = {
        indices: tf.tensor2d(indices, [ids.length, 2], 'int32'),
        values: tf.tensor1d(ids, 'int32'),
      };
      try {
        const output = (await model.executeAsync(inputs)) as tf.Tensor;
        const flat = (await output.data()) as Float32Array;
        output.dispose();
        // The graph ends in an L2 normalisation; renormalising in float32 costs nothing.
        return splitRows(flat, USE_LITE_DIMENSIONS).map(normalizeInPlace);
      } finally {
        inputs.indices.dispose();
        inputs.values.dispose();
      }
    },
    dispose: () => model.dispose(),
  };
}
