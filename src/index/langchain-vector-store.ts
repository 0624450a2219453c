import { Document, type DocumentInterface } from '@langchain/core/documents';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { VectorStore } from '@langchain/core/vectorstores';
import { EmbedderEmbeddings } from '../embed/langchain-embeddings.js';
import type { KnowledgeIndex } from './knowledge-index.js';
import { HnswVectorStore, type HnswSettings } from './vector-store.js';

const DEFAULT_HNSW: HnswSettings = { m: 16, efConstruction: 200, efSearch: 100, seed: 100 };

/**
 * The knowledge index as a LangChain `VectorStore`, so LangChain chains can retrieve from it
 * (`asRetriever()`). Searches cover the index's passages (metadata: docId, title, section,
 * source, start, end) plus any documents added through LangChain, which live in memory in a
 * second HNSW graph: the persisted index only changes through `ingestKnowledge`.
 */
export class KnowledgeVectorStore extends VectorStore {
  declare FilterType: (doc: DocumentInterface) => boolean;
  private readonly base: KnowledgeIndex | undefined;
  private readonly hnsw: HnswSettings;
  private added: HnswVectorStore | undefined;
  private readonly addedDocs: DocumentInterface[] = [];

  constructor(
    embeddings: EmbeddingsInterface,
    options: { index?: KnowledgeIndex; hnsw?: HnswSettings } = {},
  ) {
    super(embeddings, {});
    this.base = options.index;
    this.hnsw = options.hnsw ?? DEFAULT_HNSW;
  }

  /** A store over an open knowledge index, embedding with the index's own embedder. */
  static fromKnowledgeIndex(index: KnowledgeIndex): KnowledgeVectorStore {
    return new KnowledgeVectorStore(new EmbedderEmbeddings(index.embedder), { index });
  }

  _vectorstoreType(): string {
    return 'factcheck-hnsw';
  }

  async addVectors(vectors: number[][], documents: DocumentInterface[]): Promise<string[]> {
    const ids: string[] = [];
    vectors.forEach((vector, i) => {
      this.added ??= HnswVectorStore.create(vector.length, this.hnsw);
      const row = this.addedDocs.length;
      this.added.add(row, vector);
      this.addedDocs.push(documents[i] as DocumentInterface);
      ids.push(`added:${row}`);
    });
    return ids;
  }

  async addDocuments(documents: DocumentInterface[]): Promise<string[]> {
    const vectors = await this.embeddings.embedDocuments(documents.map((d) => d.pageContent));
    return this.addVectors(vectors, documents);
  }

  async similaritySearchVectorWithScore(
    query: number[],
    k: number,
    filter?: this['FilterType'],
  ): Promise<[DocumentInterface, number][]> {
    // A filter may reject many near neighbours: look further, then cut to k.
    const wide = filter === undefined ? k : k * 10;
    const found: [DocumentInterface, number][] = [];
    if (this.base !== undefined) {
      for (const hit of this.base.vectorSearch(query, wide)) {
        const p = this.base.passages[hit.id];
        if (!p) continue;
        const { docId, title, section, source, start, end } = p;
        const metadata = { docId, title, source, start, end, ...(section ? { section } : {}) };
        found.push([
          new Document({ pageContent: p.text, metadata, id: String(hit.id) }),
          hit.score,
        ]);
      }
    }
    for (const hit of this.added?.search(query, wide) ?? [])
      found.push([this.addedDocs[hit.id] as DocumentInterface, hit.score]);
    return found
      .filter(([doc]) => filter === undefined || filter(doc))
      .sort((a, b) => b[1] - a[1])
      .slice(0, k);
  }
}
