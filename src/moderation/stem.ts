// Moderation's grams stem with the one Porter2 wrapper the index and the verdict use too.
export { porter2Stem as stem } from '../text/porter2.js';
