import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { AppError, toErrorBody } from '../../errors.js';
import { createLogger } from '../../logger.js';
import type { CheckResult } from '../../types.js';
import { createChecker, type Checker } from '../../verdict/checker.js';
import type { RegisterCommand } from './index.js';

/** Opens a checker on the configured index (logs go to stderr; warnings only, unless LOG_LEVEL says otherwise). */
export async function openChecker(): Promise<Checker> {
  const config = loadConfig();
  const logger = createLogger(process.env.LOG_LEVEL ? config.LOG_LEVEL : 'warn');
  return createChecker(config, logger);
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
export async function batchLine(checker: Checker, line: string): Promise<Record<string, unknown>> {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch {
    return { id: null, error: { code: 'INVALID_JSON', message: 'The line is not valid JSON.' } };
  }
  const obj = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  const id = typeof obj.id === 'string' || typeof obj.id === 'number' ? obj.id : null;
  try {
    if (id === null || typeof obj.claim !== 'string')
      throw new AppError('VALIDATION_FAILED', 'Each line needs {"id": string, "claim": string}.');
    return { id, ...(await checker.check(obj.claim)) };
  } catch (err) {
    return { id, ...toErrorBody(err).body };
  }
}

async function runBatch(checker: Checker, file: string): Promise<void> {
  const input = file === '-' ? process.stdin : createReadStream(file, 'utf8');
  const opened = new Promise<void>((resolve, reject) => {
    if (file === '-') resolve();
    else input.once('open', () => resolve()).once('error', reject);
  });
  await opened.catch((err: unknown) => {
    throw new AppError('SOURCE_NOT_FOUND', `Cannot read ${file}.`, { cause: err });
  });
  // Lines are answered one at a time, so output order is input order.
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    process.stdout.write(JSON.stringify(await batchLine(checker, line)) + '\n');
  }
}

/** `factcheck check "<claim>" [--json]` and `factcheck check --batch <file|->`. */
export const registerCheck: RegisterCommand = (program: Command) => {
  program
    .command('check [claim]')
    .description('Check a claim against the knowledge base.')
    .option('--json', 'print the check result as JSON')
    .option(
      '--batch <file>',
      'check JSON lines {"id","claim"} from a file or - (stdin); one JSON line out per line',
    )
    .action(async (claim: string | undefined, opts: { json?: boolean; batch?: string }) => {
      if (!opts.batch && (claim === undefined || claim.trim() === ''))
        throw new AppError('CLAIM_EMPTY');
      const checker = await openChecker();
      try {
        if (opts.batch) {
          await runBatch(checker, opts.batch);
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
