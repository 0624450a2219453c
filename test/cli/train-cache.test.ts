import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { verdictCodeHash } from '../../src/cli/commands/train.js';

describe('factcheck train, the feature cache key', () => {
  let root: string;
  const put = async (file: string, text: string) => {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  };

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'verdict-code-'));
    await put('numbers/compare.js', 'export const a = 1;');
    await put('model/train.js', 'export const fit = 1;');
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('changes with the code that computes features, as compiled', async () => {
    const before = await verdictCodeHash(root);
    expect(await verdictCodeHash(root)).toBe(before);
    await put('numbers/compare.js', 'export const a = 2;');
    expect(await verdictCodeHash(root)).not.toBe(before);
  });

  it('keeps its key for fitting code, declarations and source maps', async () => {
    const before = await verdictCodeHash(root);
    await put('model/train.js', 'export const fit = 2;');
    await put('numbers/compare.d.ts', 'export declare const a: number;');
    await put('numbers/compare.js.map', '{}');
    expect(await verdictCodeHash(root)).toBe(before);
  });
});
