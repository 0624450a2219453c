/** The project's seeded generator, shared with training (src/verdict/model/random.ts). */
export { seededRandom, shuffle } from '../../src/verdict/model/random.js';
