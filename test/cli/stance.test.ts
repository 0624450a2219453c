import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { sharedIndexDataDir } from '../server/support/real-checker.js';
import { captured, cli, useEnv } from '../support/cli.js';

const STANCES = ['supports', 'refutes', 'neutral'];
const CLAIM = 'Drinking tea cures the common cold.';
const EVIDENCE = 'Drinking tea does not cure the common cold.';

type Line = Record<string, unknown> & { error?: { code: string; message: string } };

const parseLines = (out: string): Line[] =>
  out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Line);

/** Checks a successful output line: exactly id, stance and a confidence in [0, 1]. */
function expectStance(line: Line, id: unknown): void {
  expect(Object.keys(line).sort()).toEqual(['confidence', 'id', 'stance']);
  expect(line.id).toEqual(id);
  expect(STANCES).toContain(line.stance);
  expect(line.confidence).toBeGreaterThanOrEqual(0);
  expect(line.confidence).toBeLessThanOrEqual(1);
}

/** Runs `work` with process.stdin replaced by a stream of `text`. */
async function withStdin<T>(text: string, work: () => Promise<T>): Promise<T> {
  const original = Object.getOwnPropertyDescriptor(process, 'stdin')!;
  Object.defineProperty(process, 'stdin', {
    configurable: true,
    enumerable: true,
    get: () => stdin,
  });
  const stdin = Readable.from([text]);
  try {
    return await work();
  } finally {
    Object.defineProperty(process, 'stdin', original);
  }
}

let dir: string;

// The CLI reads its settings from the environment; the index is the one the tests share.
useEnv({ DATA_DIR: sharedIndexDataDir(), LOG_LEVEL: 'warn' });
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'factcheck-stance-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('factcheck stance --pairs', () => {
  it('answers JSON lines in input order, one line per input, bad lines as coded errors', async () => {
    const file = path.join(dir, 'pairs.jsonl');
    await writeFile(
      file,
      [
        JSON.stringify({ id: 'restated', claim: CLAIM, evidence: CLAIM }),
        '{not json',
        '',
        JSON.stringify({ id: 'no-evidence', claim: CLAIM }),
        '   ',
        JSON.stringify({ id: 7, claim: CLAIM, evidence: EVIDENCE }),
        JSON.stringify({ id: 'empty-claim', claim: ' ', evidence: EVIDENCE }),
        JSON.stringify({ id: 'empty-evidence', claim: CLAIM, evidence: '' }),
        JSON.stringify({ id: 'long-claim', claim: 'a'.repeat(2001), evidence: EVIDENCE }),
        JSON.stringify({ id: 'long-evidence', claim: CLAIM, evidence: 'a '.repeat(10_001) }),
        JSON.stringify({ claim: CLAIM, evidence: EVIDENCE }),
        JSON.stringify({ id: 'zh', claim: '喝茶能治好感冒。', evidence: '喝茶不能治好感冒。' }),
      ].join('\r\n') + '\n',
    );
    const { code, out } = await cli('stance', '--pairs', file);
    expect(code).toBe(0);
    const lines = parseLines(out);
    expect(lines.map((l) => l.id)).toEqual([
      'restated',
      null,
      'no-evidence',
      7,
      'empty-claim',
      'empty-evidence',
      'long-claim',
      'long-evidence',
      null,
      'zh',
    ]);
    expectStance(lines[0]!, 'restated');
    // Evidence that restates the claim word for word does not refute it.
    expect(lines[0]!.stance).not.toBe('refutes');
    expect(lines.map((l) => l.error?.code ?? null)).toEqual([
      null,
      'INVALID_JSON',
      'VALIDATION_FAILED',
      null,
      'CLAIM_EMPTY',
      'EVIDENCE_EMPTY',
      'CLAIM_TOO_LONG',
      'EVIDENCE_TOO_LONG',
      'VALIDATION_FAILED',
      null,
    ]);
    expectStance(lines[3]!, 7);
    expectStance(lines[9]!, 'zh');
    for (const line of lines.filter((l) => l.error)) {
      expect(Object.keys(line).sort()).toEqual(['error', 'id']);
      expect(line.error).toEqual({ code: expect.any(String), message: expect.any(String) });
    }
  });

  it('reads the pairs from stdin with -', async () => {
    const input = ['a', 'b', 'c']
      .map((id, i) => JSON.stringify({ id, claim: CLAIM, evidence: i === 1 ? CLAIM : EVIDENCE }))
      .join('\n');
    const { code, out } = await withStdin(input, () => cli('stance', '--pairs', '-'));
    expect(code).toBe(0);
    const lines = parseLines(out);
    expect(lines).toHaveLength(3);
    lines.forEach((line, i) => expectStance(line, ['a', 'b', 'c'][i]));
  });

  it('fails with SOURCE_NOT_FOUND for a file that does not exist, and needs --pairs', async () => {
    const missing = await captured(process.stderr, () =>
      cli('stance', '--pairs', path.join(dir, 'missing.jsonl')),
    );
    expect(missing.value.code).toBe(1);
    expect(missing.value.out).toBe('');
    expect(missing.text).toMatch(/^error SOURCE_NOT_FOUND: /);
    const bare = await captured(process.stderr, () => cli('stance'));
    expect(bare.value.code).not.toBe(0);
    expect(bare.text).toContain('--pairs');
  });
});
