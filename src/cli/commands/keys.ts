import type { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { AppError } from '../../errors.js';
import { withStore, type Store } from '../../store/store.js';
import type { RegisterCommand } from './index.js';

/** Runs `work` on the configured store (DATABASE_URL, else the data folder's SQLite file). */
const withKeys = <T>(work: (keys: Store['apiKeys']) => Promise<T>): Promise<T> =>
  withStore(loadConfig(), (store) => work(store.apiKeys));

/** `factcheck keys create|list|revoke`: API keys that lift bots above the anonymous rate limit. */
export const registerKeys: RegisterCommand = (program: Command) => {
  const keys = program.command('keys').description('Manage API keys for the REST API.');

  keys
    .command('create <name>')
    .description('Create a key; prints it once, alone on the last line (only its hash is kept).')
    .action(async (name: string) => {
      if (!/^[\w.@-]{1,64}$/.test(name)) {
        throw new AppError('VALIDATION_FAILED', 'A key name is 1-64 letters, digits, or . _ @ -');
      }
      const { key } = await withKeys((keys) => keys.create(name));
      process.stdout.write(
        `Created API key "${name}". Send it as "Authorization: Bearer <key>"; it is shown once:\n${key}\n`,
      );
    });

  keys
    .command('list')
    .description('List key names and when they were created and last used.')
    .action(async () => {
      for (const k of await withKeys((keys) => keys.list())) {
        const used = k.lastUsedAt ? new Date(k.lastUsedAt).toISOString() : 'never';
        process.stdout.write(`${k.name}\t${new Date(k.createdAt).toISOString()}\t${used}\n`);
      }
    });

  keys
    .command('revoke <name>')
    .description('Delete a key; callers using it are refused from then on.')
    .action(async (name: string) => {
      if (!(await withKeys((keys) => keys.revoke(name)))) {
        throw new AppError('NOT_FOUND', `No API key is named "${name}".`);
      }
      process.stdout.write(`Revoked API key "${name}".\n`);
    });
};
