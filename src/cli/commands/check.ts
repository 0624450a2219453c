import type { Command } from 'commander';
import { loadConfig, type Config } from '../../config/config.js';
import { AppError } from '../../errors.js';
import { createLogger } from '../../logger.js';
import type { CheckResult } from '../../types.js';
import { createChecker, type Checker } from '../../verdict/checker.js';
import { answerJsonLine, runJsonLines } from '../json-lines.js';
import { checkImageClaim } from '../../verdict/check-image.js';
import { formatRead, readImageFile } from './check-image.js';
import type { RegisterCommand } from './index.js';

interface CheckOptions {
  json?: boolean;
  batch?: string;
  image?: string;
}

/** The CLI's logger: stderr, warnings only unless LOG_LEVEL says otherwise. */
const cliLogger = (config: Config) => createLogger(config.commandLogLevel);

/** Opens a checker on the configured index (logs go to stderr). */
export async function openChecker(config: Config = loadConfig()): Promise<Checker> {
  return createChecker(config, cliLogger(config));
}

/** A check result for reading in a terminal. */
export function formatResult(r: CheckResult): string {
  const lines = [`${r.verdict} (confidence ${r.confidence.toFixed(2)})`, '', r.answer, ''];
  for (const c of r.citations) {
    lines.push(
      `[${c.n}] ${c.title} — ${c.source} ${c.start}-${c.end} (${c.stance}, score ${c.score.toFixed(2)})`,
    );
  }
  return lines.join('\n') + '\n';
}

/** One output line of a batch: the result and its id, or an error with a stable code. */
export function batchLine(checker: Checker, line: string): Promise<Record<string, unknown>> {
  return answerJsonLine(line, async ({ id, fields }) => {
    if (id === null || typeof fields.claim !== 'string')
      throw new AppError('VALIDATION_FAILED', 'Each line needs {"id": string, "claim": string}.');
    return checker.check(fields.claim);
  });
}

/**
 * `factcheck check "<claim>" [--json]`, `factcheck check --image <file> [--json]` (a claim beside
 * the image is checked instead of what was read) and `factcheck check --batch <file|->`.
 */
export const registerCheck: RegisterCommand = (program: Command) => {
  program
    .command('check [claim]')
    .description('Check a claim against the knowledge base.')
    .option('--json', 'print the check result as JSON')
    .option(
      '--batch <file>',
      'check JSON lines {"id","claim"} from a file or - (stdin); one JSON line out per line',
    )
    .option('--image <file>', 'read the claim off a screenshot (PNG, JPEG or WebP)')
    .action(async (claim: string | undefined, opts: CheckOptions) => {
      if (opts.batch && opts.image)
        throw new AppError('VALIDATION_FAILED', 'Use --batch or --image, not both.');
      if (!opts.batch && !opts.image && (claim === undefined || claim.trim() === ''))
        throw new AppError('CLAIM_EMPTY');
      const config = loadConfig();
      const read = opts.image
        ? await readImageFile(config, cliLogger(config), opts.image)
        : undefined;
      const checker = await openChecker(config);
      try {
        if (opts.batch) {
          await runJsonLines(opts.batch, (line) => batchLine(checker, line));
          return;
        }
        if (read) {
          const result = await checkImageClaim(checker, read, { claim });
          process.stdout.write(
            opts.json
              ? JSON.stringify(result, null, 2) + '\n'
              : formatRead(result) + formatResult(result),
          );
          return;
        }
        const result = await checker.check(claim!);
        process.stdout.write(
          opts.json ? JSON.stringify(result, null, 2) + '\n' : formatResult(result),
        );
      } finally {
        await checker.close();
      }
    });
};
