import sharp from 'sharp';
import { AppError } from '../errors.js';

/** The formats we read; every other one is refused with IMAGE_UNSUPPORTED. */
export type ImageFormat = 'png' | 'jpeg' | 'webp';

export interface ImageLimits {
  /** Largest file, in bytes. */
  maxBytes: number;
  /** Most pixels the header may declare (decompression bombs). */
  maxPixels: number;
}

/**
 * A screenshot made ready for OCR: upright, opaque, large enough. It stays in colour: our own
 * grayscale (and contrast stretch, and dark-mode inversion) made tesseract skip the text of a
 * dark-mode chat bubble that it reads in colour (it converts and inverts lines itself).
 */
export interface DecodedImage {
  /** Lossless PNG for the OCR engine. */
  png: Buffer;
  format: ImageFormat;
  width: number;
  height: number;
  /** An animated WebP or PNG: only its first frame was read. */
  isAnimated: boolean;
}

const SIGNATURES: { format: ImageFormat | string; test: (b: Buffer) => boolean }[] = [
  { format: 'png', test: (b) => b.subarray(0, 8).equals(Buffer.from('89504e470d0a1a0a', 'hex')) },
  { format: 'jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    format: 'webp',
    test: (b) => b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP',
  },
  { format: 'GIF', test: (b) => b.toString('latin1', 0, 4) === 'GIF8' },
  { format: 'BMP', test: (b) => b.toString('latin1', 0, 2) === 'BM' },
  {
    format: 'TIFF',
    test: (b) => ['II*\0', 'MM\0*'].includes(b.toString('latin1', 0, 4)),
  },
  { format: 'HEIF/AVIF', test: (b) => b.toString('latin1', 4, 8) === 'ftyp' },
  { format: 'SVG', test: (b) => /^\s*(<\?xml|<svg)/i.test(b.toString('utf8', 0, 256)) },
  { format: 'PDF', test: (b) => b.toString('latin1', 0, 5) === '%PDF-' },
];

const ACCEPTED = new Set<string>(['png', 'jpeg', 'webp']);

/** The format named by the file's first bytes (never by a name or a declared type). */
export function sniffFormat(bytes: Buffer): ImageFormat {
  const found = SIGNATURES.find((s) => s.test(bytes))?.format;
  if (found === undefined)
    throw new AppError('IMAGE_UNSUPPORTED', 'That is not an image; send a PNG, JPEG or WebP.');
  if (!ACCEPTED.has(found))
    throw new AppError(
      'IMAGE_UNSUPPORTED',
      `${found} images are not read; send a PNG, JPEG or WebP.`,
    );
  return found as ImageFormat;
}

/**
 * Tesseract reads best when capital letters are 20-40 px tall; screenshots at 1x (a cropped
 * bubble, a desktop capture) have 10-15 px text, so narrow images are doubled.
 */
const UPSCALE_BELOW_WIDTH = 1000;

const corrupt = (cause: unknown) =>
  new AppError('IMAGE_CORRUPT', 'The image is damaged or cut short.', { cause });

/**
 * Checks the bytes against the limits, then decodes the first frame. Refusals: IMAGE_TOO_LARGE,
 * IMAGE_UNSUPPORTED, IMAGE_TOO_MANY_PIXELS (judged on the header, before any pixel is decoded),
 * IMAGE_CORRUPT (truncated or malformed data).
 */
export async function decodeImage(bytes: Buffer, limits: ImageLimits): Promise<DecodedImage> {
  if (bytes.length > limits.maxBytes)
    throw new AppError(
      'IMAGE_TOO_LARGE',
      `The image is ${bytes.length} bytes; the limit is ${limits.maxBytes}.`,
    );
  const format = sniffFormat(bytes);
  // failOn 'truncated' turns libvips' warnings on cut-short files into errors instead of gray bands.
  const open = () =>
    sharp(bytes, { failOn: 'truncated', limitInputPixels: limits.maxPixels, pages: 1 });
  // The header alone (no pixel limit yet), so that a bomb is refused naming its declared size.
  const meta = await sharp(bytes, { limitInputPixels: false, pages: 1 })
    .metadata()
    .catch((err: unknown) => {
      throw corrupt(err);
    });
  const { width, height } = meta;
  if (!width || !height) throw corrupt(new Error('no dimensions in the header'));
  if (width * height > limits.maxPixels)
    throw new AppError(
      'IMAGE_TOO_MANY_PIXELS',
      `The image declares ${width}x${height} pixels; the limit is ${limits.maxPixels} pixels.`,
    );
  const isAnimated = (meta.pages ?? 1) > 1;
  try {
    // rotate() with no angle applies the EXIF orientation (phone photos of screens); transparent
    // pixels become white, as a chat app would show them.
    const upright = await open()
      .rotate()
      .flatten({ background: '#ffffff' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const { width: w, height: h, channels } = upright.info;
    const scale = w < UPSCALE_BELOW_WIDTH && w * h * 4 <= limits.maxPixels ? 2 : 1;
    let pipeline = sharp(upright.data, { raw: { width: w, height: h, channels } });
    if (scale > 1) pipeline = pipeline.resize(w * scale, h * scale, { kernel: 'lanczos3' });
    const png = await pipeline.png({ compressionLevel: 1 }).toBuffer();
    return { png, format, width: w * scale, height: h * scale, isAnimated };
  } catch (err) {
    if (err instanceof AppError) throw err;
    // sharp reports an input over limitInputPixels as an error too; the header check above
    // catches honest headers, this catches frames that disagree with them.
    if (/pixel limit/i.test(String(err)))
      throw new AppError('IMAGE_TOO_MANY_PIXELS', undefined, { cause: err });
    throw corrupt(err);
  }
}
