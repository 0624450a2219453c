import path from 'node:path';
import { AppError } from '../../src/errors.js';
import { loadServiceChecker } from '../../src/server/load-checker.js';
import { createCheckerGate, type CheckerGate } from '../../src/server/checker-gate.js';
import { createLogger } from '../../src/logger.js';
import type { Checker } from '../../src/verdict/checker-types.js';
import { INDEX_BUILD_TIMEOUT_MS } from './support/real-checker.js';
import {
  smallKnowledge,
  TEA_DOC,
  WALKING_DOC,
  type SmallKnowledge,
} from './support/small-knowledge.js';

const TEA_CLAIM = 'Drinking tea cures the common cold';
const citesTea = (result: Awaited<ReturnType<Checker['check']>>) =>
  result.citations.some((c) => c.source === 'tea.md');

describe('the checker gate swaps in a checker over a new index', () => {
  let kb: SmallKnowledge;
  let gate: CheckerGate;
  let failLoading = false;

  beforeAll(() => {
    kb = smallKnowledge({ 'walking.md': WALKING_DOC });
    const load = () =>
      failLoading
        ? // A data folder that is a file: the real loader fails as it would on a broken disk.
          loadServiceChecker(
            { ...kb.config, DATA_DIR: path.join(kb.knowledgeDir, 'walking.md') },
            createLogger('silent'),
            () => undefined,
          )
        : kb.load();
    gate = createCheckerGate(load(), { reload: load });
  }, INDEX_BUILD_TIMEOUT_MS);

  afterAll(async () => {
    await gate.close();
    kb.remove();
  });

  it(
    'serves the new index after reload while the old checker finishes the check it had begun',
    async () => {
      const before = await gate.whenReady();
      const oldVersion = before.indexVersion;
      expect(citesTea(await before.check(TEA_CLAIM))).toBe(false);

      kb.write('tea.md', TEA_DOC);
      await kb.ingest();
      const running = before.check(TEA_CLAIM);
      const reloaded = gate.reload();
      const [oldAnswer, fresh] = await Promise.all([running, reloaded]);

      // The check begun on the old index is answered from it, not cut off.
      expect(citesTea(oldAnswer)).toBe(false);
      expect(gate.current()).toBe(fresh);
      expect(fresh.indexVersion).not.toBe(oldVersion);
      const answer = await gate.current().check(TEA_CLAIM);
      const cited = answer.citations.find((c) => c.source === 'tea.md');
      expect(cited).toBeDefined();
      expect(TEA_DOC.slice(cited!.start, cited!.end)).toBe(cited!.quote);
      // Someone still holding the retired checker is served by the new one.
      expect(citesTea(await before.check(TEA_CLAIM))).toBe(true);
    },
    INDEX_BUILD_TIMEOUT_MS,
  );

  it(
    'keeps answering from the current checker when loading a new one fails',
    async () => {
      const current = gate.current();
      const { verdict, citations } = await current.check(TEA_CLAIM);
      failLoading = true;
      try {
        await expect(gate.reload()).rejects.toThrow();
      } finally {
        failLoading = false;
      }
      expect(gate.current()).toBe(current);
      expect(await gate.current().check(TEA_CLAIM)).toMatchObject({ verdict, citations });
    },
    INDEX_BUILD_TIMEOUT_MS,
  );

  it('refuses to reload with a code when it was given no loader', async () => {
    const fixed = createCheckerGate(gate.current());
    expect(fixed.canReload).toBe(false);
    await expect(fixed.reload()).rejects.toMatchObject({ code: 'INDEX_NOT_READY' });
  });

  it(
    'closes only after the checks in flight have been answered',
    async () => {
      kb.write('tea.md', TEA_DOC);
      await kb.ingest();
      const own = createCheckerGate(kb.load());
      const checker = await own.whenReady();
      const inFlight = checker.check(TEA_CLAIM);
      await own.close();
      // Answered in full by the closing checker: evidence read from its index, quoted exactly.
      const cited = (await inFlight).citations.find((c) => c.source === 'tea.md');
      expect(cited).toBeDefined();
      expect(TEA_DOC.slice(cited!.start, cited!.end)).toBe(cited!.quote);
      expect(() => own.current()).toThrow(AppError);
    },
    INDEX_BUILD_TIMEOUT_MS,
  );
});
