import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sharedIndexDataDir } from '../server/support/real-checker.js';
import { cli, useEnv } from '../support/cli.js';
import { loadConfig, PROJECT_ROOT } from '../../src/config/config.js';
import { createLogger } from '../../src/logger.js';
import type { CheckResult } from '../../src/types.js';
import { createChecker, type Checker } from '../../src/verdict/checker.js';

const INVENTORY = 'seeds/001_fd552ae162b14d62.txt';

let checker: Checker;
let inventoryText: string;

// The seed index takes minutes to embed: it is shared with the retrieval tests and only
// re-embedded when the seeds change.
useEnv({ DATA_DIR: sharedIndexDataDir(), LOG_LEVEL: 'warn' });
beforeAll(async () => {
  checker = await createChecker(loadConfig(), createLogger('warn'));
  inventoryText = await readFile(path.join(PROJECT_ROOT, 'knowledge', INVENTORY), 'utf8');
}, 1_800_000);

afterAll(async () => {
  await checker.close();
});

const citesAcrylamide = (r: CheckResult) =>
  r.citations.some((c) => c.source === INVENTORY && /acrylamide|318 cups/i.test(c.quote));

describe('check on the seed documents', () => {
  it('refutes "Starbucks coffee gives you cancer" quoting the acrylamide answer and showing the 318-cup computation', async () => {
    const r = await checker.check('Drinking Starbucks coffee gives you cancer');
    expect(r.verdict).toBe('REFUTED');
    expect(citesAcrylamide(r)).toBe(true);
    expect(r.answer).toMatch(/143 micrograms ÷ 0\.45 micrograms ≈ 317\.78.*318 cups/);
    expect(r.answer).toMatch(/\[1\]/);
    for (const c of r.citations) expect(inventoryText.slice(c.start, c.end)).toBe(c.quote);
  });

  it('finds the same evidence for the Chinese question and answers in Chinese', async () => {
    const r = await checker.check('喝星巴克咖啡会致癌吗？');
    expect(r.lang).toBe('zh');
    expect(r.verdict).toBe('REFUTED');
    expect(citesAcrylamide(r)).toBe(true);
    expect(r.answer.split('\n')[0]).toBe('不实：资料与这一说法相矛盾。');
  });

  it('answers NOT_ENOUGH_INFO for a claim the documents never address', async () => {
    const r = await checker.check(
      'Penguins in Antarctica have learned to use smartphones to call for help.',
    );
    expect(r.verdict).toBe('NOT_ENOUGH_INFO');
  });

  it('cites single sentences with exact offsets and returns their paragraph as source context', async () => {
    const r = await checker.check(
      'Chongqing added 13 local confirmed cases and 24 local asymptomatic infections on October 5.',
    );
    expect(r.verdict).toBe('SUPPORTED');
    const first = r.citations[0]!;
    expect(first.quote.length).toBeLessThan(400);
    const ctx = await checker.sourceContext(first.docId, first.start, first.end);
    expect(ctx?.quote).toBe(first.quote);
    expect(ctx!.context.start).toBeLessThanOrEqual(first.start);
    expect(ctx!.context.end).toBeGreaterThanOrEqual(first.end);
    expect(await checker.sourceContext('no-such-doc', 0, 10)).toBeUndefined();
  });

  it('refuses an empty claim with a stable code', async () => {
    await expect(checker.check('   ')).rejects.toMatchObject({ code: 'CLAIM_EMPTY' });
  });
});

describe('factcheck check --batch and eval', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'factcheck-verdict-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('answers JSON lines in input order, one line per input, bad lines as error objects', async () => {
    const file = path.join(dir, 'batch.jsonl');
    await writeFile(
      file,
      [
        JSON.stringify({ id: 'one', claim: 'Drinking Starbucks coffee gives you cancer' }),
        '{not json',
        JSON.stringify({ id: 'three' }),
        JSON.stringify({ id: 'four', claim: '' }),
        JSON.stringify({
          id: 'five',
          claim: 'Penguins in Antarctica have learned to use smartphones.',
        }),
      ].join('\n'),
    );
    const { code, out } = await cli('check', '--batch', file);
    expect(code).toBe(0);
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.id)).toEqual(['one', null, 'three', 'four', 'five']);
    expect(lines[0]!.verdict).toBe('REFUTED');
    expect(lines[1]!.error).toMatchObject({ code: 'INVALID_JSON' });
    expect(lines[2]!.error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(lines[3]!.error).toMatchObject({ code: 'CLAIM_EMPTY' });
    expect(lines[4]!.verdict).toBe('NOT_ENOUGH_INFO');
  });

  it('scores a labeled file with accuracy, evidence hits and zero offset errors', async () => {
    const file = path.join(dir, 'labeled.jsonl');
    const quote =
      'He has to drink at least 318 cups of black coffee every day to be at risk of cancer.';
    await writeFile(
      file,
      [
        {
          id: 'a',
          claim: 'Starbucks coffee causes cancer!!! share',
          label: 'REFUTED',
          lang: 'en',
          style: 'viral',
          evidence: [{ file: '001_fd552ae162b14d62.txt', quote }],
        },
        {
          id: 'b',
          claim: 'Penguins in Antarctica use smartphones.',
          label: 'NOT_ENOUGH_INFO',
          lang: 'en',
          style: 'plain',
          evidence: [],
        },
      ]
        .map((o) => JSON.stringify(o))
        .join('\n'),
    );
    const { code, out } = await cli('eval', file, '--json');
    expect(code).toBe(0);
    const report = JSON.parse(out) as {
      accuracy: number;
      hitAt5: number;
      offsetErrors: number;
      n: number;
    };
    expect(report).toMatchObject({ n: 2, accuracy: 1, hitAt5: 1, offsetErrors: 0 });
  });
});
