import { glossChinese } from '../../src/moderation/chinese-gloss.js';
import { createChineseGlosser } from '../../src/moderation/gloss-in-worker.js';

/** Loading CC-CEDICT takes seconds, more on a busy machine; it loads three times here. */
const CEDICT_TIMEOUT_MS = 5 * 60_000;
const CLAIM = '喝盐水可以去除草莓上的农药残留，98%的人不知道。';

describe('the Chinese glosser on its own thread', () => {
  const glosser = createChineseGlosser();
  afterAll(() => glosser.close());

  it(
    'glosses a claim as glossChinese does on the calling thread, and again after a close',
    async () => {
      const here = await glossChinese(CLAIM);
      expect(here.length).toBeGreaterThan(0);
      expect(await glosser.gloss(CLAIM)).toEqual(here);
      await glosser.close();
      expect(await glosser.gloss(CLAIM)).toEqual(here);
    },
    CEDICT_TIMEOUT_MS,
  );
});
