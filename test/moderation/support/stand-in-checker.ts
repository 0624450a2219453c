import { AppError } from '../../../src/errors.js';
import type { Checker } from '../../../src/verdict/checker-types.js';

/**
 * A checker that always answers REFUTED without evidence, and has no encoder or index, for
 * tests about what happens around an answer (clustering, corrections, bots), not its content.
 * Clustering then runs on its lexical signal, as it does while the real index loads.
 */
export function standInChecker(): Checker {
  return {
    async check(claim) {
      return {
        claim,
        verdict: 'REFUTED',
        confidence: 0.6,
        answer: 'The documents contradict this claim.',
        citations: [],
      };
    },
    async search() {
      return [];
    },
    async embed() {
      throw new AppError('EMBEDDER_UNAVAILABLE');
    },
    async sourceContext() {
      return undefined;
    },
    passages: [],
    indexVersion: 'stand-in',
    async close() {},
  };
}
