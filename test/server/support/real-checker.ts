import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, PROJECT_ROOT, type Config } from '../../../src/config/config.js';
import { createLogger } from '../../../src/logger.js';
import type { Checker } from '../../../src/verdict/checker-types.js';
import { createChecker } from '../../../src/verdict/checker.js';

/** Building the real index from knowledge/ takes minutes on a busy machine. */
export const INDEX_BUILD_TIMEOUT_MS = 20 * 60_000;

/**
 * The data folder holding the real index of the project's knowledge/, shared with the other
 * test folders (test-artifacts/seed-index, gitignored) and kept across runs; the checker
 * rebuilds it in place when the knowledge, the index format or the encoder changed.
 * FACTCHECK_TEST_INDEX_DIR points elsewhere.
 */
export const sharedIndexDataDir = (): string =>
  process.env.FACTCHECK_TEST_INDEX_DIR ?? path.join(PROJECT_ROOT, 'test-artifacts', 'seed-index');

/** Settings for a test: the real knowledge folder, `dataDir` for the index, and overrides. */
export function testConfig(dataDir: string, overrides: Partial<Config> = {}): Config {
  return loadConfig({}, { DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...overrides });
}

/** The real checker over the real index (built into the shared folder when missing). */
export async function realChecker(): Promise<Checker> {
  const config = testConfig(sharedIndexDataDir());
  return createChecker(config, createLogger('silent'));
}

/** A fresh temporary folder for one test's database. */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
