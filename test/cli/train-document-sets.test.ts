import fs from 'node:fs';
import path from 'node:path';
import { INDEX_BUILD_TIMEOUT_MS, tempDir } from '../server/support/real-checker.js';
import { captured, cli, useEnv } from '../support/cli.js';

// Invented documents and claims: a harbour's ferries (the knowledge) and a town's library (a
// document set of its own, checked against its own documents).
const HARBOUR = `Eastvale harbour added 12 electric ferries in 2031, bringing its fleet to 40.

The harbour office said fares would not rise this year.
`;
const LIBRARY = `Northgate library reopened in May after a renovation that cost 3.5 million yuan.

The library added 800 reading seats and now opens until 9 pm.
`;

const line = (id: string, claim: string, label: string, article: string) =>
  JSON.stringify({ id, claim, label, lang: 'en', style: 'plain', article });

const root = tempDir('factcheck-train-sets-');
// The CLI reads its settings from the environment: a knowledge folder and index of the test's own.
useEnv({
  LOG_LEVEL: 'warn',
  KNOWLEDGE_DIR: path.join(root, 'knowledge'),
  DATA_DIR: path.join(root, 'data'),
});
beforeAll(() => {
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  write('knowledge/harbour.txt', HARBOUR);
  write(
    'claims.jsonl',
    [
      line('h1', 'Eastvale harbour added 12 electric ferries in 2031.', 'SUPPORTED', 'ferries'),
      line('h2', 'Eastvale harbour added 30 electric ferries in 2031.', 'REFUTED', 'ferries'),
      line('h3', 'Eastvale harbour fares will not rise this year.', 'SUPPORTED', 'fares'),
      line('h4', 'Eastvale harbour opened a second pier.', 'NOT_ENOUGH_INFO', 'fares'),
    ].join('\n') + '\n',
  );
  write('library-set/knowledge/library.txt', LIBRARY);
  write(
    'library-set/claims.jsonl',
    [
      line('l1', 'The Northgate library renovation cost 3.5 million yuan.', 'SUPPORTED', 'cost'),
      line('l2', 'The Northgate library renovation cost 5 million yuan.', 'REFUTED', 'cost'),
      line('l3', 'Northgate library added 800 reading seats.', 'SUPPORTED', 'seats'),
      line('l4', 'Northgate library hired ten new librarians.', 'NOT_ENOUGH_INFO', 'seats'),
    ].join('\n') + '\n',
  );
});
afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

/** `factcheck train` on the harbour claims, with the options given. */
const train = (...options: string[]) =>
  cli('train', '--claims', path.join(root, 'claims.jsonl'), ...options);

/** One quick fit (a single bag) with the library set given by `option`, held-out predictions to `file`. */
const trainWithLibrary = (option: '--document-sets' | '--score-sets', file: string) =>
  train(option, path.join(root, 'library-set'), '--bags', '1', '--predictions', file, '--json');

/** The ids of the held-out predictions a run wrote. */
const heldIds = (file: string): string[] =>
  fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => (JSON.parse(l) as { id: string }).id)
    .sort();

describe('factcheck train --document-sets', () => {
  it(
    'checks a set’s claims against its own documents and holds its articles out as folds',
    async () => {
      const predictions = path.join(root, 'predictions.jsonl');
      const { code } = await trainWithLibrary('--document-sets', predictions);
      expect(code).toBe(0);
      expect(heldIds(predictions)).toEqual(['h1', 'h2', 'h3', 'h4', 'l1', 'l2', 'l3', 'l4']);
      // The set's documents were indexed under the data folder, apart from the knowledge's.
      expect(fs.existsSync(path.join(root, 'data', 'document-sets', 'library-set'))).toBe(true);
      // Its claims were read against its own documents: the restated cost is said there.
      const cache = fs.readFileSync(
        path.join(root, 'data', 'document-sets', 'library-set', 'train-features.json'),
        'utf8',
      );
      expect(cache).toContain('The Northgate library renovation cost 3.5 million yuan.');
    },
    INDEX_BUILD_TIMEOUT_MS,
  );

  it(
    'reads a document set with the fitted model without fitting on it (--score-sets)',
    async () => {
      const predictions = path.join(root, 'predictions-scored.jsonl');
      const { code, out } = await trainWithLibrary('--score-sets', predictions);
      expect(code).toBe(0);
      const report = JSON.parse(out) as {
        documentSets: Record<
          string,
          { claims: number; accuracy: number; byLang: Record<string, { claims: number }> }
        >;
      };
      const scored = report.documentSets['library-set']!;
      expect(scored.claims).toBe(4);
      expect(scored.byLang.en?.claims).toBe(4);
      expect(scored.accuracy).toBeGreaterThanOrEqual(0);
      expect(scored.accuracy).toBeLessThanOrEqual(1);
      // Its claims were read, not fitted on: no fold of its own among the held-out predictions.
      expect(heldIds(predictions)).toEqual(['h1', 'h2', 'h3', 'h4']);
      // The same set both fitted on and scored is refused: its score would say nothing.
      const both = await train(
        '--document-sets',
        path.join(root, 'library-set'),
        '--score-sets',
        path.join(root, 'library-set'),
      );
      expect(both.code).not.toBe(0);
    },
    INDEX_BUILD_TIMEOUT_MS,
  );

  it(
    'holds a set out whole with --hold-out-sets, article by article without it',
    async () => {
      const folds = async (...extra: string[]) => {
        const { code, out } = await train(
          '--document-sets',
          path.join(root, 'library-set'),
          '--bags',
          '1',
          '--json',
          ...extra,
        );
        expect(code).toBe(0);
        return Object.keys((JSON.parse(out) as { byFold: Record<string, unknown> }).byFold).sort();
      };
      expect(await folds()).toEqual(['fares', 'ferries', 'library-set/cost', 'library-set/seats']);
      expect(await folds('--hold-out-sets')).toEqual(['fares', 'ferries', 'library-set']);
    },
    INDEX_BUILD_TIMEOUT_MS,
  );

  it('refuses a weight that is not a number from 0 up before reading any claim', async () => {
    for (const bad of ['-1', 'half', ''])
      for (const option of ['--weight-document-sets', '--weight-public']) {
        const { value, text } = await captured(process.stderr, () =>
          train('--document-sets', path.join(root, 'library-set'), option, bad),
        );
        expect(value.code).not.toBe(0);
        expect(text).toContain('CONFIG_INVALID');
        expect(text).toContain(option);
      }
  });

  it('refuses a set without claims with a coded error', async () => {
    fs.mkdirSync(path.join(root, 'empty-set', 'knowledge'), { recursive: true });
    const { code } = await train('--document-sets', path.join(root, 'empty-set'));
    expect(code).not.toBe(0);
  });
});
