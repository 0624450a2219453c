import type { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { AppError } from '../../errors.js';
import { ModeratorAccounts } from '../../moderation/moderator-accounts.js';
import { withStore } from '../../store/store.js';
import type { RegisterCommand } from './index.js';

/** `factcheck moderators add|reset|disable|enable|list`: accounts for the moderation console. */
export const registerModerators: RegisterCommand = (program: Command) => {
  const moderators = program.command('moderators').description('Manage moderator accounts.');
  /** Runs `action` on the service database's accounts, closing the database afterwards. */
  const withAccounts = <T>(action: (accounts: ModeratorAccounts) => Promise<T>) => {
    const config = loadConfig();
    return withStore(config, (store) =>
      action(new ModeratorAccounts(store.moderators, config.MOD_SESSION_HOURS * 3_600_000)),
    );
  };
  const named = async (accounts: ModeratorAccounts, name: string) => {
    const account = await accounts.repo.findByName(name);
    if (!account) throw new AppError('NOT_FOUND', `No moderator is named ${name}.`);
    return account;
  };

  moderators
    .command('add <name>')
    .description('Create an account; prints its one-time password alone on the last line.')
    .option('--role <role>', 'moderator or admin', 'moderator')
    .action(async (name: string, options: { role: string }) => {
      if (options.role !== 'moderator' && options.role !== 'admin') {
        throw new AppError('VALIDATION_FAILED', '--role is moderator or admin.');
      }
      const role = options.role;
      await withAccounts(async (accounts) => {
        const { moderator, password } = await accounts.add(name, role);
        process.stdout.write(
          `Created ${moderator.role} "${moderator.name}". One-time password (shown once):\n${password}\n`,
        );
      });
    });

  moderators
    .command('reset <name>')
    .description(
      'Give an account a new one-time password (ends its sessions); prints it alone on the last line.',
    )
    .action((name: string) =>
      withAccounts(async (accounts) => {
        const { moderator, password } = await accounts.resetPassword(
          (await named(accounts, name)).id,
        );
        process.stdout.write(
          `Reset the password of "${moderator.name}". One-time password (shown once):\n${password}\n`,
        );
      }),
    );

  for (const [verb, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    moderators
      .command(`${verb} <name>`)
      .description(
        disabled
          ? 'Disable an account: it cannot log in and its sessions end.'
          : 'Let a disabled account log in again.',
      )
      .action((name: string) =>
        withAccounts(async (accounts) => {
          const { id } = await named(accounts, name);
          const { after: moderator } = await accounts.update(id, { disabled });
          process.stdout.write(`${moderator.name} is ${disabled ? 'disabled' : 'enabled'}.\n`);
        }),
      );
  }

  moderators
    .command('list')
    .description('List moderator accounts.')
    .action(() =>
      withAccounts(async (accounts) => {
        for (const m of await accounts.repo.list()) {
          process.stdout.write(
            `${m.name}\t${m.role}\t${m.disabled ? 'disabled' : 'active'}\t${new Date(m.createdAt).toISOString()}\n`,
          );
        }
      }),
    );
};
