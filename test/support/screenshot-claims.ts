import zlib from 'node:zlib';
import sharp from 'sharp';
import type { CheckResult } from '../../src/types.js';
import { createScreenshotRenderer, type ScreenshotSpec } from './render-screenshot.js';

/** The rumor inventory whose acrylamide passage answers the Starbucks rumor. */
const INVENTORY = 'seeds/001_fd552ae162b14d62.txt';

/** The two screenshots: the Starbucks rumor in English (light) and Chinese (dark). */
export const STARBUCKS_SHOTS = {
  english: {
    kind: 'chat',
    text: 'URGENT!!! Drinking Starbucks coffee gives you cancer',
    theme: 'light',
  },
  chinese: { kind: 'chat', text: '喝星巴克咖啡会致癌', theme: 'dark' },
} satisfies Record<string, ScreenshotSpec>;

export type StarbucksShot = keyof typeof STARBUCKS_SHOTS;

/** The acrylamide answer of the rumor inventory, as test/verdict/checker.e2e.test.ts pins it. */
export const citesAcrylamide = (r: Pick<CheckResult, 'citations'>): boolean =>
  r.citations.some((c) => c.source === INVENTORY && /acrylamide|318 cups/i.test(c.quote));

/** Renders the two Starbucks screenshots as PNG bytes (one Chromium, closed after). */
export async function renderStarbucksShots(): Promise<Record<StarbucksShot, Buffer>> {
  const renderer = await createScreenshotRenderer();
  try {
    return {
      english: await renderer.render(STARBUCKS_SHOTS.english),
      chinese: await renderer.render(STARBUCKS_SHOTS.chinese),
    };
  } finally {
    await renderer.close();
  }
}

/** Images every entry point must refuse, each with the code it gets. */
export async function badImages(screenshot: Buffer) {
  const blank = await sharp({
    create: { width: 400, height: 200, channels: 3, background: '#ffffff' },
  })
    .png()
    .toBuffer();
  return {
    /** A GIF: an image, but not a format we read. */
    gif: { bytes: await sharp(screenshot).gif().toBuffer(), code: 'IMAGE_UNSUPPORTED' },
    /** Text sent as an image. */
    text: {
      bytes: Buffer.from('Drinking coffee gives you cancer, share!'),
      code: 'IMAGE_UNSUPPORTED',
    },
    /** A PNG cut short halfway. */
    truncated: {
      bytes: screenshot.subarray(0, Math.floor(screenshot.length / 2)),
      code: 'IMAGE_CORRUPT',
    },
    /** A PNG whose header declares 100,000 x 100,000 pixels (a decompression bomb). */
    bomb: { bytes: await pngDeclaring(100_000, 100_000), code: 'IMAGE_TOO_MANY_PIXELS' },
    /** A white rectangle. */
    blank: { bytes: blank, code: 'OCR_NO_TEXT' },
  } as const;
}

/** A real PNG whose header is rewritten to declare width x height (with a valid CRC). */
export async function pngDeclaring(width: number, height: number): Promise<Buffer> {
  const png = await sharp({
    create: { width: 8, height: 8, channels: 3, background: '#fff' },
  })
    .png()
    .toBuffer();
  const ihdr = png.subarray(12, 29); // chunk type + 13 data bytes
  ihdr.writeUInt32BE(width, 4);
  ihdr.writeUInt32BE(height, 8);
  png.writeUInt32BE(zlib.crc32(ihdr), 29);
  return png;
}
