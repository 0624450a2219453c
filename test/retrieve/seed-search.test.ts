import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config/config.js';
import { jest } from '@jest/globals';
import type { SearchHit } from '../../src/cli/commands/search.js';
import { cli } from '../support/cli.js';

// The seed index takes minutes to embed: it is kept in test-artifacts/ (gitignored) and only
// re-embedded when the seeds change (ingest is incremental by content hash).
const DATA_DIR = path.join(PROJECT_ROOT, 'test-artifacts', 'seed-index');
const APRIL_INVENTORY = 'seeds/001_fd552ae162b14d62.txt';

type Hit = SearchHit;

const saved = { DATA_DIR: process.env.DATA_DIR, LOG_LEVEL: process.env.LOG_LEVEL };
beforeAll(async () => {
  process.env.DATA_DIR = DATA_DIR;
  process.env.LOG_LEVEL = 'warn';
  const { code, out } = await cli('ingest');
  if (code !== 0) throw new Error(`ingest failed: ${out}`);
}, 1_800_000);

afterAll(() => {
  for (const [key, value] of Object.entries(saved))
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
});

describe('factcheck search on the seed documents', () => {
  it('returns the coffee-acrylamide debunk of the April rumor inventory among the top three, with exact offsets', async () => {
    const { code, out } = await cli(
      'search',
      'Drinking Starbucks coffee gives you cancer',
      '--k',
      '3',
      '--json',
    );
    expect(code).toBe(0);
    const hits = JSON.parse(out) as Hit[];
    expect(hits).toHaveLength(3);
    const seeds = new Map<string, string>();
    for (const hit of hits) {
      if (!seeds.has(hit.source))
        seeds.set(
          hit.source,
          await readFile(path.join(PROJECT_ROOT, 'knowledge', hit.source), 'utf8'),
        );
      expect(seeds.get(hit.source)?.slice(hit.start, hit.end)).toBe(hit.quote);
      expect(Object.keys(hit).sort()).toEqual(
        [
          'docId',
          'end',
          'quote',
          'score',
          'source',
          'start',
          'title',
          ...(hit.section ? ['section'] : []),
        ].sort(),
      );
    }
    // The rumor's own section of the inventory, in a passage that gives the acrylamide facts.
    const debunk = hits.find(
      (h) =>
        h.source === APRIL_INVENTORY &&
        /Starbucks coffee causes cancer/.test(h.section ?? '') &&
        /acrylamide/i.test(h.quote),
    );
    expect(debunk).toBeDefined();
    expect(debunk?.title).toMatch(/April rumor inventory/);
  });

  it('prints title, source, offsets and quote in text mode', async () => {
    const { code, out } = await cli('search', 'strawberries pesticide residues', '--k', '2');
    expect(code).toBe(0);
    expect(out).toMatch(/^1\. .+\(score [\d.]+\)\n/);
    expect(out).toMatch(/seeds\/\d{3}_[0-9a-f]+\.txt \[\d+, \d+\)/);
  });

  it('refuses a bad --k with a stable error code', async () => {
    let err = '';
    const spy = jest
      .spyOn(process.stderr, 'write')
      .mockImplementation((chunk: string | Uint8Array) => {
        err += chunk.toString();
        return true;
      });
    try {
      expect((await cli('search', 'coffee', '--k', 'zero')).code).toBe(1);
    } finally {
      spy.mockRestore();
    }
    expect(err).toContain('VALIDATION_FAILED');
  });
});
