/**
 * Turns text into vectors. Shaped like LangChain's `Embeddings` (embedDocuments/embedQuery) so
 * the same object can be handed to LangChain, but returns Float32Array for speed.
 */
export interface Embedder {
  /** Identifies model and settings; the index manifest records it and rebuilds when it changes. */
  readonly id: string;
  readonly dimensions: number;
  /** Embeds many passages, batched internally; vectors are L2-normalised. */
  embedDocuments(texts: string[]): Promise<Float32Array[]>;
  /** Embeds a search query (some models use a different prefix for queries). */
  embedQuery(text: string): Promise<Float32Array>;
  /** Frees native resources (sessions, backends). */
  dispose(): Promise<void>;
}
