import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config/config.js';

/** Where browser tests leave their screenshots (gitignored). */
export const ARTIFACTS = path.join(PROJECT_ROOT, 'test-artifacts');

/**
 * Launch options for the system Chromium (CHROMIUM_PATH overrides the path): no sandbox (tests
 * run as root in containers) and none of the background traffic a first run would start.
 */
export function chromiumLaunch(): { executablePath: string; args: string[] } {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}: install it with "apt-get install -y chromium" ` +
        '(npm test does so itself when run as root), or set CHROMIUM_PATH.',
    );
  }
  return {
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  };
}
