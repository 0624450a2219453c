import { AppError } from '../../src/errors.js';
import { imageFromBase64 } from '../../src/ocr/image-input.js';

const PNG_START = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

const codeOf = (work: () => unknown): string | undefined => {
  try {
    work();
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
  return undefined;
};

describe('imageFromBase64 (signed webhooks)', () => {
  it('decodes plain base64 and a data: URL to the same bytes', () => {
    const b64 = PNG_START.toString('base64');
    expect(imageFromBase64(b64, 1000).equals(PNG_START)).toBe(true);
    expect(imageFromBase64(`data:image/png;base64,${b64}`, 1000).equals(PNG_START)).toBe(true);
  });

  it('refuses a URL or text that is not base64 with IMAGE_UNSUPPORTED, fetching nothing', () => {
    expect(codeOf(() => imageFromBase64('https://example.org/rumor.png', 1000))).toBe(
      'IMAGE_UNSUPPORTED',
    );
    expect(codeOf(() => imageFromBase64('', 1000))).toBe('IMAGE_UNSUPPORTED');
  });

  it('refuses more decoded bytes than the cap before decoding them', () => {
    const b64 = Buffer.alloc(1001).toString('base64');
    expect(codeOf(() => imageFromBase64(b64, 1000))).toBe('IMAGE_TOO_LARGE');
    expect(imageFromBase64(Buffer.alloc(1000).toString('base64'), 1000)).toHaveLength(1000);
  });
});
