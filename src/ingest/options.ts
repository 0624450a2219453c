import type { Config } from '../config/config.js';
import type { PassageOptions } from './passages.js';
import type { LoadOptions } from './sources.js';

/** The ingest settings of a Config, in the shapes loadSource and splitPassages take. */
export function ingestOptions(
  cfg: Pick<Config, 'PASSAGE_TARGET_CHARS' | 'PASSAGE_MAX_CHARS' | 'MAX_SOURCE_BYTES'>,
): {
  load: LoadOptions;
  passages: PassageOptions;
} {
  return {
    load: { maxBytes: cfg.MAX_SOURCE_BYTES },
    passages: { targetChars: cfg.PASSAGE_TARGET_CHARS, maxChars: cfg.PASSAGE_MAX_CHARS },
  };
}
