/* global process */
/**
 * Jest global set-up: the browser tests drive Debian's Chromium. When it is missing and we run as
 * root (a fresh CI machine or container), install it once with apt-get, so `npm test` needs
 * nothing installed by hand; otherwise say how to get it (the browser tests then fail clearly).
 */
const { execSync } = require('node:child_process');
const fs = require('node:fs');

module.exports = async function ensureChromium() {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (fs.existsSync(path)) return;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    process.stderr.write(
      `\nChromium is not at ${path}, and installing it needs root (this is uid ${process.getuid?.()}).\n` +
        'The browser tests (test/browser, test/moderation/console.browser.test.ts) will fail until you\n' +
        'run "sudo apt-get install -y chromium" once, or set CHROMIUM_PATH to a Chromium or Chrome binary.\n',
    );
    return;
  }
  process.stderr.write(
    '\nInstalling Chromium for the browser tests (apt-get install chromium)...\n',
  );
  try {
    execSync('apt-get update -qq && apt-get install -y -qq chromium', { stdio: 'ignore' });
  } catch (err) {
    process.stderr.write(
      `Chromium could not be installed (${err instanceof Error ? err.message : String(err)}); ` +
        'the browser tests will fail. Install it by hand or set CHROMIUM_PATH.\n',
    );
  }
};
