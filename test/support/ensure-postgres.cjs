/* global process */
/**
 * Jest global set-up: the store tests start their own PostgreSQL servers (test/support/postgres.ts)
 * with Debian's binaries. When initdb is missing and we run as root (a fresh CI machine or
 * container), install the `postgresql` package once with apt-get, so `npm test` needs nothing
 * installed by hand; otherwise say how to get it (the PostgreSQL tests then fail clearly).
 */
const { execSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

/** Whether initdb is on the PATH or under Debian's /usr/lib/postgresql/<version>/bin. */
function hasInitdb() {
  if (spawnSync('sh', ['-c', 'command -v initdb']).status === 0) return true;
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return false;
  return fs.readdirSync(root).some((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')));
}

module.exports = async function ensurePostgres() {
  if (hasInitdb()) return;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    process.stderr.write(
      `\nPostgreSQL's initdb is not installed, and installing it needs root (this is uid ${process.getuid?.()}).\n` +
        'The PostgreSQL store tests will fail until you run "sudo apt-get install -y postgresql" once.\n',
    );
    return;
  }
  process.stderr.write(
    '\nInstalling PostgreSQL for the store tests (apt-get install postgresql)...\n',
  );
  try {
    execSync('apt-get update -qq && apt-get install -y -qq postgresql', {
      stdio: 'ignore',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } catch (err) {
    process.stderr.write(
      `PostgreSQL could not be installed (${err instanceof Error ? err.message : String(err)}); ` +
        'the PostgreSQL store tests will fail. Install it by hand.\n',
    );
  }
};
