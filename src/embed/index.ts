export type { Embedder } from './embedder.js';
export { createEmbedder } from './create-embedder.js';
export { loadUseLiteEmbedder, type UseLiteEmbedder } from './use-lite-embedder.js';
export { loadTransformersEmbedder, type TransformersEmbedder } from './transformers-embedder.js';
export { profileFor, type ModelProfile } from './model-profiles.js';
export { EmbedderEmbeddings } from './langchain-embeddings.js';
export { measureThroughput, type Throughput } from './throughput.js';
