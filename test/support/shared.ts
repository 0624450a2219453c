import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config/config.js';

/**
 * The shared evaluation material (seeds, dev claims, datasets, tokenizer files) beside the
 * project. Tests only; FACTCHECK_SHARED_DIR points elsewhere.
 */
export const SHARED_DIR =
  process.env.FACTCHECK_SHARED_DIR ?? path.resolve(PROJECT_ROOT, '..', 'shared');

export const sharedPath = (...parts: string[]): string => path.join(SHARED_DIR, ...parts);
