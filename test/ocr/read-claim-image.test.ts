import sharp from 'sharp';
import { AppError, type ErrorCode } from '../../src/errors.js';
import { createLogger } from '../../src/logger.js';
import { createOcrPool, readClaimImage, type OcrPool } from '../../src/ocr/index.js';
import type { OcrSettings } from '../../src/ocr/read-claim-image.js';
import { createScreenshotRenderer } from '../support/render-screenshot.js';
import { pngDeclaring } from '../support/screenshot-claims.js';

const SETTINGS: OcrSettings = {
  maxBytes: 5 * 1024 * 1024,
  maxPixels: 25_000_000,
  languages: ['eng', 'chi_sim'],
  lowConfidence: 0.6,
};
const CLAIM = 'Eating bananas at night melts your kidneys';

let pool: OcrPool;
let screenshot: Buffer;

beforeAll(async () => {
  pool = createOcrPool({ size: 1, logger: createLogger('silent') });
  const renderer = await createScreenshotRenderer();
  try {
    screenshot = await renderer.render({ kind: 'chat', text: CLAIM, theme: 'light' });
  } finally {
    await renderer.close();
  }
});

afterAll(() => pool?.close());

const read = (bytes: Buffer, settings: Partial<OcrSettings> = {}) =>
  readClaimImage(bytes, { pool, settings: { ...SETTINGS, ...settings } });

async function refusal(work: Promise<unknown>): Promise<{ code: ErrorCode; message: string }> {
  const err = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof AppError)) throw new Error(`expected an AppError, got ${String(err)}`);
  return { code: err.code, message: err.message };
}

describe('readClaimImage refusals', () => {
  it('refuses bytes that are not an image with IMAGE_UNSUPPORTED', async () => {
    const r = await refusal(read(Buffer.from('Drinking coffee gives you cancer, share!')));
    expect(r.code).toBe('IMAGE_UNSUPPORTED');
  });

  it('refuses GIF and BMP by their signature, naming the format', async () => {
    const gif = await sharp(screenshot).gif().toBuffer();
    expect((await refusal(read(gif))).message).toMatch(/GIF/);
    const bmp = Buffer.concat([Buffer.from('BM'), Buffer.alloc(64)]);
    const r = await refusal(read(bmp));
    expect(r).toEqual({ code: 'IMAGE_UNSUPPORTED', message: expect.stringMatching(/BMP/) });
  });

  it('refuses a file over the byte cap with IMAGE_TOO_LARGE', async () => {
    const r = await refusal(read(screenshot, { maxBytes: screenshot.length - 1 }));
    expect(r.code).toBe('IMAGE_TOO_LARGE');
  });

  it('refuses a tiny PNG that declares 100,000 x 100,000 pixels before decoding it', async () => {
    const bomb = await pngDeclaring(100_000, 100_000);
    expect(bomb.length).toBeLessThan(200);
    const r = await refusal(read(bomb));
    expect(r.code).toBe('IMAGE_TOO_MANY_PIXELS');
    expect(r.message).toMatch(/100000x100000/);
  });

  it('refuses a truncated JPEG with IMAGE_CORRUPT', async () => {
    const jpeg = await sharp(screenshot).jpeg({ quality: 90 }).toBuffer();
    const r = await refusal(read(jpeg.subarray(0, Math.floor(jpeg.length * 0.6))));
    expect(r.code).toBe('IMAGE_CORRUPT');
  });

  it('answers a blank image with OCR_NO_TEXT', async () => {
    const blank = await sharp({
      create: { width: 600, height: 400, channels: 3, background: '#f4f4f4' },
    })
      .png()
      .toBuffer();
    expect((await refusal(read(blank))).code).toBe('OCR_NO_TEXT');
  });
});

describe('readClaimImage', () => {
  it('reads a JPEG stored sideways with an EXIF orientation, upright', async () => {
    const sideways = await sharp(screenshot)
      .rotate(-90)
      .jpeg({ quality: 85 })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const r = await read(sideways);
    expect(r.text).toBe(CLAIM);
    expect(r.lang).toBe('en');
    expect(r.confidence).toBeGreaterThan(0.6);
    expect(r.isLowConfidence).toBe(false);
  });

  it('reads only the first frame of an animated WebP and says so', async () => {
    const blank = await sharp({
      create: { width: 420, height: 200, channels: 3, background: '#fff' },
    })
      .png()
      .toBuffer();
    const frame = await sharp(screenshot)
      .resize(420, 200, { fit: 'contain', background: '#fff' })
      .png()
      .toBuffer();
    const animated = await sharp([frame, blank], { join: { animated: true } })
      .webp()
      .toBuffer();
    const r = await read(animated);
    expect(r.text).toBe(CLAIM);
    expect(r.isFirstFrameOnly).toBe(true);
  });
});

describe('the OCR pool', () => {
  it('queues reads beyond its workers and serves them in turn', async () => {
    const png = await sharp(screenshot).png().toBuffer();
    const first = pool.recognize(png, ['eng']);
    const second = pool.recognize(png, ['eng']);
    expect(pool.queueLength()).toBe(1);
    const pages = await Promise.all([first, second]);
    expect(pool.queueLength()).toBe(0);
    expect(pages.map((p) => p.lines.some((l) => l.text.includes('bananas')))).toEqual([true, true]);
  });

  it('refuses reads after close with SHUTTING_DOWN', async () => {
    const closed = createOcrPool({ size: 1, logger: createLogger('silent') });
    await closed.close();
    const r = await refusal(closed.recognize(screenshot, ['eng']));
    expect(r.code).toBe('SHUTTING_DOWN');
  });
});
