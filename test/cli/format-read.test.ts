import { formatRead } from '../../src/cli/commands/check-image.js';
import type { ImageCheckResult } from '../../src/verdict/check-image.js';

const result = (ocr: Partial<ImageCheckResult['ocr']>, claim = 'Lemon water cures cancer') =>
  ({
    claim,
    verdict: 'REFUTED',
    confidence: 0.9,
    answer: '',
    citations: [],
    ocr: {
      text: 'Lemon water cures cancer',
      lang: 'en',
      confidence: 0.9,
      isLowConfidence: false,
      ...ocr,
    },
  }) as ImageCheckResult;

describe('factcheck check --image, human output', () => {
  it('says what was read, in which language and how surely', () => {
    expect(formatRead(result({}))).toBe(
      'Read from the image (en, confidence 0.90): Lemon water cures cancer\n\n',
    );
  });

  it('warns about a low-confidence read and an animated image', () => {
    const text = formatRead(
      result({ confidence: 0.41, isLowConfidence: true, isFirstFrameOnly: true }),
    );
    expect(text).toMatch(/^Low confidence: .*may be wrong\.$/m);
    expect(text).toMatch(/^Animated image: only its first frame was read\.$/m);
  });

  it('names the typed claim when it was checked instead of the read', () => {
    expect(formatRead(result({}, 'Lemons cure cancer'))).toMatch(
      /^Checked instead: Lemons cure cancer$/m,
    );
  });
});
