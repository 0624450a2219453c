import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../../src/logger.js';
import type { Checker } from '../../src/verdict/checker-types.js';
import { createChecker } from '../../src/verdict/checker.js';
import { withEntailment } from '../../src/verdict/model/decide.js';
import { loadEntailmentModel } from '../../src/verdict/transformers/entailment-model.js';
import {
  INDEX_BUILD_TIMEOUT_MS,
  realChecker,
  sharedIndexDataDir,
  testConfig,
} from '../server/support/real-checker.js';
import { writeTinyClassifierModel } from '../fixtures/verdict/tiny-classifier-model.js';
import { captureLogs } from '../support/log-capture.js';
import { sharedPath } from '../support/shared.js';

/** Token ids of the MiniLM WordPiece vocabulary the fixture models share. */
const vocab = fs
  .readFileSync(sharedPath('models', 'Xenova', 'all-MiniLM-L6-v2', 'vocab.txt'), 'utf8')
  .split('\n');
const id = (token: string): number => vocab.indexOf(token);

/** Labels in the order of the real nli-deberta-v3-xsmall config. */
const NLI_LABELS = ['contradiction', 'entailment', 'neutral'];

let modelsDir: string;

beforeAll(async () => {
  modelsDir = await mkdtemp(path.join(os.tmpdir(), 'factcheck-nli-'));
  // "never" votes contradiction, "indeed" entailment; [CLS] starts every pair a little neutral.
  writeTinyClassifierModel(modelsDir, {
    modelId: 'test/word-nli',
    labels: NLI_LABELS,
    votes: new Map([
      [id('never'), [4, 0, 0]],
      [id('indeed'), [0, 4, 0]],
      [id('[CLS]'), [0, 0, 1]],
    ]),
  });
  // Every pair is read as a contradiction, whatever it says.
  writeTinyClassifierModel(modelsDir, {
    modelId: 'test/contradicting-nli',
    labels: NLI_LABELS,
    votes: new Map([[id('[CLS]'), [10, 0, 0]]]),
  });
  // Loads, then fails on every input: its table is shorter than the token ids.
  writeTinyClassifierModel(modelsDir, {
    modelId: 'test/failing-nli',
    labels: NLI_LABELS,
    votes: new Map(),
    tableRows: 4,
  });
  writeTinyClassifierModel(modelsDir, {
    modelId: 'test/sentiment',
    labels: ['LABEL_0', 'LABEL_1'],
    votes: new Map(),
  });
});

afterAll(async () => {
  await rm(modelsDir, { recursive: true, force: true });
});

const settings = (model: string) => ({
  MODELS_DIR: modelsDir,
  ALLOW_REMOTE_MODELS: false,
  NLI_MODEL: model,
});

describe('NLI model', () => {
  it('reads each premise against the claim through the columns its labels name', async () => {
    const nli = await loadEntailmentModel(settings('test/word-nli'), createLogger('silent'));
    try {
      const [against, forIt, neither] = await nli!.score(
        ['The ferry never sailed.', 'The ferry indeed sailed.', 'The ferry sailed.'],
        'The ferry sailed.',
      );
      expect(against!.contradiction).toBeGreaterThan(
        Math.max(against!.entailment, against!.neutral),
      );
      expect(forIt!.entailment).toBeGreaterThan(Math.max(forIt!.contradiction, forIt!.neutral));
      expect(neither!.neutral).toBeGreaterThan(
        Math.max(neither!.entailment, neither!.contradiction),
      );
      expect(neither!.entailment + neither!.contradiction + neither!.neutral).toBeCloseTo(1, 5);
    } finally {
      await nli?.dispose();
    }
  });

  it('is refused, and says why, when the model is missing or its labels are not entailment, contradiction and neutral', async () => {
    const log = captureLogs('warn');
    expect(await loadEntailmentModel(settings('test/sentiment'), log.logger)).toBeUndefined();
    expect(await loadEntailmentModel(settings('test/absent'), log.logger)).toBeUndefined();
    expect(log.text()).toContain('are not an NLI model');
    expect(log.text().match(/NLI model not loadable/g)).toHaveLength(2);
  });

  it("joins the verdict model's probabilities as a product, its weight as an exponent", () => {
    const own = [0.6, 0.3, 0.1];
    const vote = { entailment: 0.1, contradiction: 0.8, neutral: 0.1 };
    const joint = withEntailment(own, { ...vote, weight: 1 });
    const sum = 0.6 * 0.1 + 0.3 * 0.8 + 0.1 * 0.1;
    expect(joint).toEqual([0.06 / sum, 0.24 / sum, 0.01 / sum].map((x) => expect.closeTo(x, 9)));
    expect(withEntailment(own, { ...vote, weight: 0 })).toEqual(
      own.map((x) => expect.closeTo(x, 9)),
    );
  });
});

describe('checker with an NLI model', () => {
  let plain: Checker;
  let withNli: Checker;

  beforeAll(async () => {
    plain = await realChecker();
    withNli = await createChecker(
      testConfig(sharedIndexDataDir(), {
        MODELS_DIR: modelsDir,
        NLI_MODEL: 'test/contradicting-nli',
      }),
      createLogger('silent'),
    );
  }, INDEX_BUILD_TIMEOUT_MS);

  afterAll(async () => {
    await plain?.close();
    await withNli?.close();
  });

  // A sentence of the knowledge word for word, which the plain checker supports.
  const claim =
    'On October 5, Chongqing added 13 local confirmed cases and 24 local asymptomatic infected people.';

  it("moves an English claim's verdict by the NLI model's reading of its best evidence", async () => {
    expect((await plain.check(claim)).verdict).toBe('SUPPORTED');
    expect((await withNli.check(claim)).verdict).toBe('REFUTED');
    // The stance API, the sentence given as its own evidence.
    expect((await plain.stance(claim, claim)).stance).toBe('supports');
    expect((await withNli.stance(claim, claim)).stance).toBe('refutes');
  });

  it('answers from the verdict model alone, and logs it, when the NLI model fails on an input', async () => {
    const log = captureLogs('warn');
    const failing = await createChecker(
      testConfig(sharedIndexDataDir(), { MODELS_DIR: modelsDir, NLI_MODEL: 'test/failing-nli' }),
      log.logger,
    );
    try {
      const a = await plain.check(claim);
      const b = await failing.check(claim);
      expect(b.verdict).toBe(a.verdict);
      expect(b.confidence).toBe(a.confidence);
      expect(log.text()).toContain('NLI model failed');
    } finally {
      await failing.close();
    }
  });

  it('leaves a Chinese claim to the verdict model: its English is a word-by-word gloss', async () => {
    const zh = '10月5日重庆新增本土确诊病例13例。';
    const a = await plain.check(zh);
    const b = await withNli.check(zh);
    expect(b.verdict).toBe(a.verdict);
    expect(b.confidence).toBe(a.confidence);
  });
});
