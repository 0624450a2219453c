import type { Router } from 'express';
import sharp from 'sharp';
import { AppError } from '../../errors.js';
import type { ClaimImageRepository } from '../../store/claim-images.js';
import { answerIdParam } from '../http/schemas.js';
import { validate } from '../../validate.js';

/** The thumbnail's longest side: enough to recognise a screenshot beside its read text. */
const THUMBNAIL_PX = 240;

/**
 * `GET /api/v1/moderate/claims/:answerId/image`: a thumbnail of the screenshot a claim came as,
 * when screenshots are kept (KEEP_IMAGES); NOT_FOUND otherwise. Behind the moderator session.
 */
export function claimImageRoutes(router: Router, images: ClaimImageRepository): void {
  router.get('/claims/:answerId/image', async (req, res) => {
    const answerId = validate(answerIdParam, req.params.answerId, 'answer id');
    const kept = await images.get(answerId);
    if (!kept) throw new AppError('NOT_FOUND', 'No screenshot is kept for that answer.');
    const thumbnail = await sharp(kept.bytes, { pages: 1 })
      .rotate()
      .resize(THUMBNAIL_PX, THUMBNAIL_PX, { fit: 'inside', withoutEnlargement: true })
      .webp()
      .toBuffer();
    res.type('image/webp').set('Cache-Control', 'private, max-age=3600').send(thumbnail);
  });
}
