/** How a Hugging Face embedding model expects to be used (its model card's instructions). */
export interface ModelProfile {
  pooling: 'mean' | 'cls';
  normalize: boolean;
  /** Prepended to every search query. */
  queryPrefix: string;
  /** Prepended to every passage. */
  passagePrefix: string;
}

const BGE_EN_INSTRUCTION = 'Represent this sentence for searching relevant passages: ';
const BGE_ZH_INSTRUCTION = '为这个句子生成表示以用于检索相关文章：';

/** Sentence-transformers models (all-MiniLM, mpnet, gte) and anything unknown: mean pooling. */
const DEFAULT_PROFILE: ModelProfile = {
  pooling: 'mean',
  normalize: true,
  queryPrefix: '',
  passagePrefix: '',
};

/** First matching rule wins; matched against the model id, case-insensitively. */
const RULES: Array<[RegExp, Partial<ModelProfile>]> = [
  // e5 (intfloat/e5-*, multilingual-e5-*): mean pooling with role prefixes.
  [/(^|[/-])e5-|multilingual-e5/i, { queryPrefix: 'query: ', passagePrefix: 'passage: ' }],
  // bge-m3 uses the CLS vector but no instruction.
  [/bge-m3/i, { pooling: 'cls' }],
  [/bge-.*-zh|bge-zh/i, { pooling: 'cls', queryPrefix: BGE_ZH_INSTRUCTION }],
  // bge-*-en (v1 and v1.5): CLS pooling and an instruction before short queries.
  [/bge-/i, { pooling: 'cls', queryPrefix: BGE_EN_INSTRUCTION }],
  [/nomic-embed-text/i, { queryPrefix: 'search_query: ', passagePrefix: 'search_document: ' }],
];

/** The profile for a model id such as `Xenova/bge-small-en-v1.5`. */
export function profileFor(modelId: string): ModelProfile {
  const rule = RULES.find(([pattern]) => pattern.test(modelId));
  return { ...DEFAULT_PROFILE, ...(rule?.[1] ?? {}) };
}
