import type { Command } from 'commander';
import { loadConfig, type Config } from '../../config/config.js';
import { AppError } from '../../errors.js';
import { validateClaimText, validateEvidenceText } from '../../server/claim-input.js';
import type { Checker } from '../../verdict/checker-types.js';
import { answerJsonLine, runJsonLines } from '../json-lines.js';
import { openChecker } from './check.js';
import type { RegisterCommand } from './index.js';

/**
 * One output line of `factcheck stance`: `{id, stance, confidence}`, or `{id, error}` for a line
 * that is not JSON, lacks an id, claim or evidence, or has one over its length limit.
 */
export function stanceLine(
  checker: Checker,
  config: Pick<Config, 'MAX_CLAIM_LENGTH' | 'MAX_EVIDENCE_LENGTH'>,
  line: string,
): Promise<Record<string, unknown>> {
  return answerJsonLine(line, async ({ id, fields }) => {
    const { claim, evidence } = fields;
    if (id === null || typeof claim !== 'string' || typeof evidence !== 'string')
      throw new AppError(
        'VALIDATION_FAILED',
        'Each line needs {"id": string, "claim": string, "evidence": string}.',
      );
    validateClaimText(claim, config.MAX_CLAIM_LENGTH);
    validateEvidenceText(evidence, config.MAX_EVIDENCE_LENGTH);
    const { stance, confidence } = await checker.stance(claim, evidence);
    return { stance, confidence };
  });
}

/** `factcheck stance --pairs <file|->`. */
export const registerStance: RegisterCommand = (program: Command) => {
  program
    .command('stance')
    .description('Judge the stance of evidence texts toward claims.')
    .requiredOption(
      '--pairs <file>',
      'JSON lines {"id","claim","evidence"} from a file or - (stdin); one JSON line {"id","stance","confidence"} out per line',
    )
    .action(async (opts: { pairs: string }) => {
      const config = loadConfig();
      const checker = await openChecker(config);
      try {
        await runJsonLines(opts.pairs, (line) => stanceLine(checker, config, line));
      } finally {
        await checker.close();
      }
    });
};
