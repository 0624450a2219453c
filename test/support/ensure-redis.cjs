/* global process */
/**
 * Jest global set-up: the tests of running many nodes start a real redis-server of their own
 * (test/support/redis.ts). When it is missing and we run as root (a fresh CI machine or
 * container), install Debian's redis-server once; otherwise say how to get it (those tests then
 * fail clearly). REDIS_SERVER_PATH points at another binary.
 */
const { execSync } = require('node:child_process');
const fs = require('node:fs');

const PACKAGE = 'redis-server';

module.exports = async function ensureRedis() {
  const path = process.env.REDIS_SERVER_PATH ?? '/usr/bin/redis-server';
  if (fs.existsSync(path)) return;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    process.stderr.write(
      `\nredis-server is not at ${path}, and installing it needs root (this is uid ${process.getuid?.()}).\n` +
        `The many-nodes tests (test/cluster) will fail until you run "sudo apt-get install -y ${PACKAGE}"\n` +
        'once, or set REDIS_SERVER_PATH to a redis-server binary.\n',
    );
    return;
  }
  process.stderr.write(
    `\nInstalling Redis for the many-nodes tests (apt-get install ${PACKAGE})...\n`,
  );
  try {
    execSync(`apt-get update -qq && apt-get install -y -qq ${PACKAGE}`, { stdio: 'ignore' });
  } catch (err) {
    process.stderr.write(
      `redis-server could not be installed (${err instanceof Error ? err.message : String(err)}); ` +
        'the many-nodes tests will fail. Install it by hand or set REDIS_SERVER_PATH.\n',
    );
  }
};
