import type { Command } from 'commander';
import { resolveCallback } from '../../bots/callback-address.js';
import { newWebhookSecret } from '../../bots/webhook-bots.js';
import { loadConfig } from '../../config/config.js';
import { AppError } from '../../errors.js';
import type { BotRepository } from '../../store/moderation-bots.js';
import { withStore } from '../../store/store.js';
import type { RegisterCommand } from './index.js';

/** Runs `run` on the configured store's bots (DATABASE_URL, else the data folder's SQLite file). */
const withBots = <T>(run: (repo: BotRepository) => Promise<T>): Promise<T> =>
  withStore(loadConfig(), (store) => run(store.bots));

/**
 * Refuses a callback whose host is at a loopback, private or link-local address (unless
 * allowed); a host that does not resolve yet is let through with a note, since every delivery
 * checks again. Returns that note, or ''.
 */
async function checkCallback(url: URL, allowPrivate: boolean): Promise<string> {
  try {
    await resolveCallback(url, allowPrivate);
    return '';
  } catch (err) {
    if (err instanceof AppError) throw err;
    return `Note: ${url.hostname} does not resolve now; each delivery checks its address.\n`;
  }
}

/** `factcheck bots add|list|remove|deliveries`: generic webhook bots. */
export const registerBots: RegisterCommand = (program: Command) => {
  const bots = program
    .command('bots')
    .description('Manage webhook bots (answers POSTed to a callback).');

  bots
    .command('add <name>')
    .description('Register a bot; prints its signing secret alone on the last line.')
    .requiredOption('--url <callback>', 'http(s) URL that receives answers and corrections')
    .action(async (name: string, options: { url: string }) => {
      let url: URL;
      try {
        url = new URL(options.url);
      } catch {
        throw new AppError('VALIDATION_FAILED', '--url is not a URL.');
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new AppError('VALIDATION_FAILED', '--url must be http or https.');
      }
      if (!/^[\w.-]{1,64}$/.test(name)) {
        throw new AppError(
          'VALIDATION_FAILED',
          'A bot name is 1-64 letters, digits, dots, dashes or underscores.',
        );
      }
      const note = await checkCallback(url, loadConfig().WEBHOOK_ALLOW_PRIVATE);
      const secret = newWebhookSecret();
      const bot = await withBots((repo) => repo.add(name, url.toString(), secret, Date.now()));
      if (!bot) throw new AppError('CONFLICT', `A bot named ${name} exists already.`);
      process.stdout.write(
        `Registered bot "${bot.name}" -> ${bot.url}\n${note}` +
          `It sends claims to POST /bots/webhook/${bot.name}/claims; both directions are signed ` +
          `(X-Factcheck-Timestamp, X-Factcheck-Signature: sha256=HMAC(secret, "<timestamp>.<body>")).\n` +
          `Signing secret (shown once):\n${secret}\n`,
      );
    });

  bots
    .command('list')
    .description('List webhook bots.')
    .action(async () => {
      for (const b of await withBots((repo) => repo.list()))
        process.stdout.write(`${b.name}\t${b.url}\n`);
    });

  bots
    .command('remove <name>')
    .description('Remove a webhook bot.')
    .action(async (name: string) => {
      if (!(await withBots((repo) => repo.remove(name))))
        throw new AppError('NOT_FOUND', `No bot named ${name}.`);
      process.stdout.write(`Removed bot "${name}".\n`);
    });

  bots
    .command('deliveries <name>')
    .description('Show the latest deliveries to a bot.')
    .action(async (name: string) => {
      const rows = await withBots(async (repo) => {
        const bot = (await repo.list()).find((b) => b.name === name);
        if (!bot) throw new AppError('NOT_FOUND', `No bot named ${name}.`);
        return repo.deliveries(bot.id, 50);
      });
      for (const d of rows) {
        process.stdout.write(
          `${d.id}\t${d.kind}\t${d.status}\tattempts=${d.attempts}\t${d.lastStatus ?? d.lastError ?? ''}\t${new Date(d.createdAt).toISOString()}\n`,
        );
      }
    });
};
