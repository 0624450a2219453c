import { Embeddings, type EmbeddingsParams } from '@langchain/core/embeddings';
import type { Embedder } from './embedder.js';

/** Any Embedder as LangChain's `Embeddings` (plain number[] vectors), for LangChain chains. */
export class EmbedderEmbeddings extends Embeddings {
  constructor(
    private readonly embedder: Embedder,
    params: EmbeddingsParams = {},
  ) {
    super(params);
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    const vectors = await this.caller.call(() => this.embedder.embedDocuments(documents));
    return vectors.map((v) => Array.from(v));
  }

  async embedQuery(document: string): Promise<number[]> {
    const vector = await this.caller.call(() => this.embedder.embedQuery(document));
    return Array.from(vector);
  }
}
