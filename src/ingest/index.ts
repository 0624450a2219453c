/** Ingestion: find documents, load them as articles, split them into sentences and passages. */
export {
  listSources,
  loadSource,
  parseSource,
  sourceKind,
  SUPPORTED_EXTENSIONS,
  DEFAULT_MAX_SOURCE_BYTES,
} from './sources.js';
export type { LoadOptions } from './sources.js';
export type { LoadedSource, LoadedArticle, PlainView, SourceKind } from './loaded-source.js';
export { splitPassages } from './passages.js';
export { ingestOptions } from './options.js';
export type { PassageOptions } from './passages.js';
export { splitSentences } from './sentences.js';
export { passageSentences } from './passage-sentences.js';
export type { PassageSentence } from './passage-sentences.js';
export type { Span } from './sentences.js';
