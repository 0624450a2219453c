import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.js';

/**
 * Crash-safe index folders, in the manner of LevelDB's CURRENT file: every write goes into a
 * fresh generation folder; once all its files are on disk (fsynced) a one-line pointer file is
 * replaced by rename, which is atomic. A crash at any step leaves the pointer naming the
 * previous, complete generation; leftovers are swept by the next successful commit.
 */

const POINTER = 'CURRENT';
const GENERATION = /^gen-[0-9a-z]+-[0-9a-f]+$/;

/** Flushes a file or folder to disk. */
async function fsyncPath(target: string): Promise<void> {
  const handle = await open(target, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function fsyncTree(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await fsyncTree(full);
    else await fsyncPath(full);
  }
  await fsyncPath(dir);
}

/** The folder of the committed generation, or undefined when nothing was ever committed. */
export async function currentGeneration(root: string): Promise<string | undefined> {
  let name: string;
  try {
    name = (await readFile(path.join(root, POINTER), 'utf8')).trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new AppError('INDEX_CORRUPT', `The index pointer in ${root} cannot be read.`, {
      cause: err,
    });
  }
  if (!GENERATION.test(name))
    throw new AppError('INDEX_CORRUPT', `The index pointer in ${root} is not a generation name.`);
  return path.join(root, name);
}

export interface CommitOptions {
  /** Generation folders kept besides the new one, so readers still opening an older one finish. */
  keepPrevious?: number;
}

/**
 * Writes a new generation with `write(dir)` and makes it current atomically; returns its folder.
 * If `write` throws (or the process dies) the previous generation stays current.
 */
export async function commitGeneration(
  root: string,
  write: (dir: string) => Promise<void>,
  options: CommitOptions = {},
): Promise<string> {
  await mkdir(root, { recursive: true });
  const previous = await currentGeneration(root).catch(() => undefined);
  const name = `gen-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  const dir = path.join(root, name);
  await mkdir(dir);
  await write(dir);
  await fsyncTree(dir);
  const temp = path.join(root, `${POINTER}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(`${name}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path.join(root, POINTER));
  await fsyncPath(root);
  await sweep(root, [name, ...(previous === undefined ? [] : [path.basename(previous)])], options);
  return dir;
}

/** Removes generations older than the kept ones, and pointer temp files left by crashes. */
async function sweep(root: string, keep: string[], options: CommitOptions): Promise<void> {
  const keepCount = 1 + (options.keepPrevious ?? 1);
  const kept = new Set(keep.slice(0, keepCount));
  for (const entry of await readdir(root)) {
    const stale =
      (GENERATION.test(entry) && !kept.has(entry)) ||
      (entry.startsWith(`${POINTER}.`) && entry.endsWith('.tmp'));
    if (stale) await rm(path.join(root, entry), { recursive: true, force: true });
  }
}
