/* global process */
/**
 * Jest global set-up: the screenshot tests render Chinese text in Chromium, which needs a CJK font
 * (Debian's fonts-wqy-microhei; without one, Han characters render as empty boxes and the OCR
 * tests fail for the wrong reason). When no CJK font is found and we run as root, install it
 * once with apt-get; otherwise say how to get it.
 */
const { execSync } = require('node:child_process');

const PACKAGE = 'fonts-wqy-microhei';

function hasCjkFont() {
  try {
    return execSync('fc-list :lang=zh-cn family', { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false;
  }
}

module.exports = async function ensureFonts() {
  if (hasCjkFont()) return;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    process.stderr.write(
      `\nNo Chinese font found: run "sudo apt-get install ${PACKAGE}" for the screenshot tests.\n`,
    );
    return;
  }
  process.stderr.write(`\nInstalling a Chinese font for the screenshot tests (${PACKAGE})...\n`);
  try {
    execSync(`apt-get update -qq && apt-get install -y -qq ${PACKAGE} && fc-cache -f`, {
      stdio: 'ignore',
    });
  } catch (err) {
    process.stderr.write(`${PACKAGE} could not be installed: ${String(err)}\n`);
  }
};
