import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { PROJECT_ROOT } from '../../src/config/config.js';
import type { ImageCheckResult } from '../../src/verdict/check-image.js';
import {
  INDEX_BUILD_TIMEOUT_MS,
  realChecker,
  sharedIndexDataDir,
  tempDir,
} from '../server/support/real-checker.js';
import {
  citesAcrylamide,
  renderStarbucksShots,
  STARBUCKS_SHOTS as SHOTS,
  type StarbucksShot,
} from '../support/screenshot-claims.js';

const run = promisify(execFile);

let dir: string;
const files = {} as Record<StarbucksShot, string>;

/** The built `factcheck` (bin/ runs dist/: `npm run build` first) on the shared test index. */
const factcheck = (...args: string[]) =>
  run(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'factcheck.js'), ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DATA_DIR: sharedIndexDataDir(), LOG_LEVEL: 'warn' },
    maxBuffer: 16 * 1024 * 1024,
  });

beforeAll(async () => {
  if (!fs.existsSync(path.join(PROJECT_ROOT, 'dist', 'ocr', 'read-claim-image.js')))
    throw new Error('dist/ is out of date: run npm run build before the CLI tests');
  // Builds the shared index when missing, so the CLI below only opens it.
  await (await realChecker()).close();
  dir = tempDir('factcheck-shots-');
  for (const [name, png] of Object.entries(await renderStarbucksShots())) {
    files[name as StarbucksShot] = path.join(dir, `${name}.png`);
    fs.writeFileSync(files[name as StarbucksShot], png);
  }
}, INDEX_BUILD_TIMEOUT_MS);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('factcheck check --image', () => {
  it.each(['english', 'chinese'] as const)(
    'refutes the %s Starbucks screenshot citing the acrylamide passage, with what it read',
    async (name) => {
      const { stdout } = await factcheck('check', '--image', files[name], '--json');
      const result = JSON.parse(stdout) as ImageCheckResult;
      expect(result.ocr.text).toBe(SHOTS[name].text);
      expect(result.ocr.lang).toBe(name === 'english' ? 'en' : 'zh');
      expect(result.ocr.confidence).toBeGreaterThan(0.6);
      expect(result.claim).toBe(SHOTS[name].text);
      expect(result.verdict).toBe('REFUTED');
      expect(citesAcrylamide(result)).toBe(true);
    },
  );

  it('prints what it read above the verdict in the human output', async () => {
    const { stdout } = await factcheck('check', '--image', files.english);
    expect(stdout).toMatch(
      /^Read from the image \(en, confidence 0\.\d\d\): URGENT!!! Drinking Starbucks coffee gives you cancer\n\nREFUTED/,
    );
  });

  it('refuses a GIF with IMAGE_UNSUPPORTED on stderr and exit code 1', async () => {
    const gif = path.join(dir, 'shot.gif');
    await sharp(files.english).gif().toFile(gif);
    const failed = await factcheck('check', '--image', gif, '--json').then(
      () => undefined,
      (err: { code: number; stderr: string; stdout: string }) => err,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stdout).toBe('');
    expect(failed?.stderr).toMatch(/^error IMAGE_UNSUPPORTED: GIF/m);
  });
});
