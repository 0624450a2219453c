import type { Express } from 'express';
import { AppError } from '../../../errors.js';
import type { HttpDeps } from '../http-deps.js';
import { isMultipart, readImageForm } from '../image-form.js';
import { validate } from '../../../validate.js';
import { readImageForm as readImageSchema, type ImageReadResponse } from '../schemas.js';

/**
 * `POST /api/v1/read-image`: the text of a screenshot, not checked and not stored, for the
 * widget's editable "we read: …" before the claim is sent. Mounted before the JSON parser.
 */
export function readImageRoutes(app: Express, { config, imageClaims }: HttpDeps): void {
  app.post('/api/v1/read-image', async (req, res) => {
    if (!isMultipart(req))
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the image as multipart/form-data.');
    const parts = await readImageForm(req, res, {
      maxImageBytes: imageClaims.maxBytes,
      maxFieldLength: config.MAX_CLAIM_LENGTH,
      fieldNames: [],
    });
    const { image } = validate(readImageSchema, { image: parts.image }, 'form');
    const response: ImageReadResponse = await imageClaims.read(image);
    res.json(response);
  });
}
