import { Command, CommanderError } from 'commander';
import { AppError } from '../errors.js';
import { commands } from './commands/index.js';

/** Runs the `factcheck` command line; returns the process exit code. */
export async function run(argv: string[]): Promise<number> {
  const program = new Command('factcheck')
    .description('Check rumors and claims against a trusted document collection.')
    .exitOverride()
    .showHelpAfterError();
  for (const register of commands) register(program);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    if (err instanceof AppError) {
      process.stderr.write(`error ${err.code}: ${err.message}\n`);
      return 1;
    }
    process.stderr.write(
      `error INTERNAL: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    return 1;
  }
}
