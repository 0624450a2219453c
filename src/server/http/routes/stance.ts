import type { Express } from 'express';
import type { Config } from '../../../config/config.js';
import { AppError } from '../../../errors.js';
import { validateClaimText, validateEvidenceText } from '../../claim-input.js';
import type { HttpDeps } from '../http-deps.js';
import { validate } from '../../../validate.js';
import { stanceBody, type StanceResponse } from '../schemas.js';

/**
 * Largest JSON body of `POST /api/v1/stance`: room for the longest claim and evidence even when
 * every code point is sent as a JSON `\uXXXX` escape (6 bytes), as ASCII-only encoders do, so an
 * overlong text is refused with its own code rather than BODY_TOO_LARGE.
 */
export const stanceBodyLimitBytes = (config: Config): number =>
  Math.max(
    config.JSON_BODY_LIMIT_BYTES,
    6 * (config.MAX_CLAIM_LENGTH + config.MAX_EVIDENCE_LENGTH) + 1024,
  );

/** `POST /api/v1/stance`: the stance of an evidence text toward a claim, with its confidence. */
export function stanceRoutes(app: Express, { answers, config, gate }: HttpDeps): void {
  app.post('/api/v1/stance', async (req, res) => {
    const { claim, evidence } = validate(stanceBody, req.body, 'body');
    validateClaimText(claim, config.MAX_CLAIM_LENGTH);
    validateEvidenceText(evidence, config.MAX_EVIDENCE_LENGTH);
    if (answers.isClosing) throw new AppError('SHUTTING_DOWN');
    const checker = gate.current();
    // Tracked with the answers in flight, so a graceful shutdown waits for it.
    const { stance, confidence } = await answers.track(checker.stance(claim, evidence));
    const response: StanceResponse = { stance, confidence };
    res.json(response);
  });
}
