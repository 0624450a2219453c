/**
 * Jest global set-up: the system parts that real-browser and many-nodes tests need, each
 * installed when missing (see the files it runs).
 */
const ensureChromium = require('./ensure-chromium.cjs');
const ensureFonts = require('./ensure-fonts.cjs');
const ensureRedis = require('./ensure-redis.cjs');
const ensurePostgres = require('./ensure-postgres.cjs');

module.exports = async function globalSetup() {
  await ensureChromium();
  await ensureFonts();
  await ensureRedis();
  await ensurePostgres();
};
