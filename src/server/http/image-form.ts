import busboy from 'busboy';
import type { Request, Response } from 'express';
import { AppError } from '../../errors.js';

/** A multipart/form-data body as sent: the image file and the text fields beside it. */
export interface ImageFormParts {
  image?: Buffer;
  fields: Record<string, string>;
}

export interface ImageFormLimits {
  /** The image cap (OCR_MAX_IMAGE_BYTES): IMAGE_TOO_LARGE above it. */
  maxImageBytes: number;
  /** The longest text field in code points (a claim): CLAIM_TOO_LONG above it. */
  maxFieldLength: number;
  /** Text fields the form may carry beside `image`. */
  fieldNames: readonly string[];
}

/** Room in a form for its framing (boundaries, part headers) beside the image and fields. */
const FORM_ROOM_BYTES = 16 * 1024;

export const isMultipart = (req: Request): boolean => Boolean(req.is('multipart/form-data'));

/**
 * Streams a multipart/form-data request with one `image` file and the named text fields, under
 * the image cap. A body declared larger than the form can be is refused before reading; once
 * reading, a refusal waits for the rest of the body (bounded by the same size) so the client
 * gets its answer instead of a reset. Refusals: IMAGE_TOO_LARGE, CLAIM_TOO_LONG,
 * VALIDATION_FAILED (unknown or repeated parts), BAD_REQUEST (malformed multipart).
 */
export function readImageForm(
  req: Request,
  res: Response,
  limits: ImageFormLimits,
): Promise<ImageFormParts> {
  const fieldBytes = limits.maxFieldLength * 4;
  const maxBodyBytes =
    limits.maxImageBytes + fieldBytes * limits.fieldNames.length + FORM_ROOM_BYTES;
  const tooLarge = () =>
    new AppError('IMAGE_TOO_LARGE', `The image is larger than ${limits.maxImageBytes} bytes.`);
  const declared = Number(req.get('content-length') ?? 0);
  if (declared > maxBodyBytes) {
    // Reading on would accept the upload we are refusing: close once answered.
    res.setHeader('Connection', 'close');
    return Promise.reject(tooLarge());
  }
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      limits: {
        files: 1,
        fields: limits.fieldNames.length,
        fileSize: limits.maxImageBytes,
        fieldSize: fieldBytes,
        fieldNameSize: 100,
      },
    });
  } catch (err) {
    return Promise.reject(
      new AppError('BAD_REQUEST', 'The multipart body has no boundary.', { cause: err }),
    );
  }
  return new Promise((resolve, reject) => {
    const parts: ImageFormParts = { fields: {} };
    let problem: AppError | undefined;
    const refuse = (err: AppError) => (problem ??= err);
    const invalid = (message: string) => refuse(new AppError('VALIDATION_FAILED', message));
    // A client gone mid-upload leaves the parser waiting for an end that never comes.
    req.on('close', () => {
      if (!req.complete) reject(new AppError('BAD_REQUEST', 'The upload was cut short.'));
    });
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received <= maxBodyBytes) return;
      // Only a body without a Content-Length gets here: stop reading it.
      refuse(tooLarge());
      res.setHeader('Connection', 'close');
      req.unpipe(parser);
      req.pause();
      reject(problem);
    });
    parser.on('file', (name, stream) => {
      if (name !== 'image') {
        invalid(`Unexpected file field "${name}"; send the screenshot as "image".`);
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => refuse(tooLarge()));
      stream.on('end', () => {
        if (!problem) parts.image = Buffer.concat(chunks);
      });
    });
    parser.on('field', (name, value, info) => {
      if (!limits.fieldNames.includes(name)) return invalid(`Unexpected field "${name}".`);
      if (info.valueTruncated)
        return refuse(
          new AppError(
            'CLAIM_TOO_LONG',
            `The ${name} is longer than ${limits.maxFieldLength} characters.`,
          ),
        );
      parts.fields[name] = value;
    });
    parser.on('filesLimit', () => invalid('Send one image per request.'));
    parser.on('fieldsLimit', () => invalid('A field is repeated or unexpected.'));
    parser.on('error', (err) =>
      reject(
        problem ?? new AppError('BAD_REQUEST', 'The multipart body is malformed.', { cause: err }),
      ),
    );
    parser.on('close', () => (problem ? reject(problem) : resolve(parts)));
    req.pipe(parser);
  });
}
