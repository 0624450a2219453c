import type { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { AppError } from '../../errors.js';
import { ModeratorAccounts } from '../../server/moderate/moderator-accounts.js';
import { openServiceDb } from '../../store/chat-store.js';
import type { RegisterCommand } from './index.js';

/** `factcheck moderators add|list`: accounts for the moderation console. */
export const registerModerators: RegisterCommand = (program: Command) => {
  const moderators = program.command('moderators').description('Manage moderator accounts.');

  moderators
    .command('add <name>')
    .description('Create an account; prints its one-time password alone on the last line.')
    .option('--role <role>', 'moderator or admin', 'moderator')
    .action(async (name: string, options: { role: string }) => {
      if (options.role !== 'moderator' && options.role !== 'admin') {
        throw new AppError('VALIDATION_FAILED', '--role is moderator or admin.');
      }
      const config = loadConfig();
      const db = openServiceDb(config);
      try {
        const accounts = new ModeratorAccounts(db, config.MOD_SESSION_HOURS * 3_600_000);
        const { moderator, password } = await accounts.add(name, options.role);
        process.stdout.write(
          `Created ${moderator.role} "${moderator.name}". One-time password (shown once):\n${password}\n`,
        );
      } finally {
        db.close();
      }
    });

  moderators
    .command('list')
    .description('List moderator accounts.')
    .action(() => {
      const config = loadConfig();
      const db = openServiceDb(config);
      try {
        const accounts = new ModeratorAccounts(db, config.MOD_SESSION_HOURS * 3_600_000);
        for (const m of accounts.repo.list()) {
          process.stdout.write(`${m.name}\t${m.role}\t${new Date(m.createdAt).toISOString()}\n`);
        }
      } finally {
        db.close();
      }
    });
};
