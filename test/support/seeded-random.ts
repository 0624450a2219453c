/** The project's seeded generator, shared with training (src/verdict/model/random.ts). */
export { pick, seededRandom, shuffle } from '../../src/verdict/model/random.js';
