import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { commitGeneration, currentGeneration } from '../../src/index/persistence.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'factcheck-gen-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const writeData = (text: string) => async (dir: string) => {
  await writeFile(path.join(dir, 'data.txt'), text);
};
const readCurrent = async () =>
  readFile(path.join((await currentGeneration(root)) as string, 'data.txt'), 'utf8');

describe('atomic generations', () => {
  it('has no current generation before the first commit', async () => {
    expect(await currentGeneration(root)).toBeUndefined();
  });

  it('makes a committed generation current', async () => {
    await commitGeneration(root, writeData('one'));
    expect(await readCurrent()).toBe('one');
    await commitGeneration(root, writeData('two'));
    expect(await readCurrent()).toBe('two');
  });

  it('keeps the previous generation current when a write dies half way', async () => {
    await commitGeneration(root, writeData('one'));
    const crash = commitGeneration(root, async (dir) => {
      await writeFile(path.join(dir, 'data.txt'), 'tw'); // a partial file, then the "crash"
      throw new Error('power cut');
    });
    await expect(crash).rejects.toThrow('power cut');
    expect(await readCurrent()).toBe('one');
    expect((await readdir(root)).filter((e) => e.startsWith('gen-'))).toHaveLength(2);
  });

  it('ignores a half-written pointer file left by a crash, and sweeps leftovers later', async () => {
    await commitGeneration(root, writeData('one'));
    await writeFile(path.join(root, 'CURRENT.deadbeef.tmp'), 'gen-');
    await writeFile(path.join(root, 'gen-zzz-00000000'), '');
    expect(await readCurrent()).toBe('one');
    await commitGeneration(root, writeData('two'));
    await commitGeneration(root, writeData('three'));
    const entries = await readdir(root);
    expect(entries.filter((e) => e.endsWith('.tmp'))).toEqual([]);
    expect(entries).not.toContain('gen-zzz-00000000');
    // The newest and the one before it stay, so a reader that just opened the older one finishes.
    expect(entries.filter((e) => e.startsWith('gen-'))).toHaveLength(2);
    expect(await readCurrent()).toBe('three');
  });

  it('refuses a garbage pointer with INDEX_CORRUPT', async () => {
    await writeFile(path.join(root, 'CURRENT'), '../../etc\n');
    await expect(currentGeneration(root)).rejects.toMatchObject({ code: 'INDEX_CORRUPT' });
  });
});
