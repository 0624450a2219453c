import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config/config.js';
import type { SearchHit } from '../../src/cli/commands/search.js';
import { sharedIndexDataDir } from '../server/support/real-checker.js';
import { captured, cli, useEnv } from '../support/cli.js';

const APRIL_INVENTORY = 'seeds/001_fd552ae162b14d62.txt';

type Hit = SearchHit;

// The seed index takes minutes to embed: it is shared by the test folders and only
// re-embedded when the seeds change (ingest is incremental by content hash).
useEnv({ DATA_DIR: sharedIndexDataDir(), LOG_LEVEL: 'warn' });
beforeAll(async () => {
  const { code, out } = await cli('ingest');
  if (code !== 0) throw new Error(`ingest failed: ${out}`);
}, 1_800_000);

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
    const { value, text: err } = await captured(process.stderr, () =>
      cli('search', 'coffee', '--k', 'zero'),
    );
    expect(value.code).toBe(1);
    expect(err).toContain('VALIDATION_FAILED');
  });
});
