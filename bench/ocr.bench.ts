/**
 * Screenshot-claim benchmark (`npx tsx bench/ocr.bench.ts`, or `npm run bench -- ocr`): renders
 * chat bubbles, news cards and posters in headless Chromium from seed sentences (knowledge/),
 * labeled dev claims and invented viral forwards, in English and Chinese, several fonts and sizes,
 * light and dark, some JPEG-compressed and some slightly rotated; reads each with readClaimImage
 * and checks both the read and the typed text on the configured index (DATA_DIR). Prints the
 * character error rate per language, the share of images whose verdict equals the typed text's
 * (target >= 0.90), OCR latency p50/p95 per image and peak RSS. Needs /usr/bin/chromium and a
 * CJK font (test/support/ensure-fonts.cjs).
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { parseLabeled } from '../src/cli/commands/eval.js';
import { AppError } from '../src/errors.js';
import { loadConfig } from '../src/config/config.js';
import { createLogger } from '../src/logger.js';
import { createOcrPool, ocrSettings, readClaimImage } from '../src/ocr/index.js';
import { createChecker } from '../src/verdict/checker.js';
import { seededRandom, shuffle } from '../test/support/seeded-random.js';
import {
  createScreenshotRenderer,
  type ScreenshotKind,
  type ScreenshotSpec,
} from '../test/support/render-screenshot.js';
import { sharedPath } from '../test/support/shared.js';

const VARIANTS_PER_TEXT = 2;
const random = seededRandom(14);
const cfg = loadConfig();
const logger = createLogger('warn');
const row = (name: string, value: string) => console.log(`${name.padEnd(44)} ${value}`);
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

/** Invented forwards in the style rumors travel in (not from any real message). */
const VIRAL = {
  en: [
    'URGENT!!! Drinking Starbucks coffee gives you cancer. Share with everyone you love!',
    'Doctors are hiding this: strawberries are the dirtiest fruit, never eat them unwashed!!',
    'BREAKING: genetically modified crops turned lab mice into geniuses, scientists shocked',
    'Forward to 10 groups: Latin dance makes children reach puberty early!!!',
  ],
  zh: [
    '紧急提醒！喝星巴克咖啡会致癌，赶紧告诉家人！',
    '草莓是最脏的水果，千万别再给孩子吃了！！',
    '转给所有群：跳拉丁舞会让孩子性早熟！',
    '震惊！吃了转基因玉米的老鼠变聪明了',
    '喝咖啡真的会得癌症吗？看完这篇你就懂了',
  ],
};

/** Seed sentences from the knowledge folder, short enough for a forwarded message. */
function seedSentences(n: number): string[] {
  const dir = path.join(cfg.KNOWLEDGE_DIR, 'seeds');
  const sentences = fs
    .readdirSync(dir)
    .flatMap((f) => fs.readFileSync(path.join(dir, f), 'utf8').split(/(?<=[.!?])\s+|\n+/u))
    .map((s) => s.trim())
    .filter((s) => s.length >= 40 && s.length <= 140 && /^[A-Z]/u.test(s));
  return shuffle(sentences, random).slice(0, n);
}

const dev = parseLabeled(fs.readFileSync(sharedPath('eval', 'dev.jsonl'), 'utf8'));
const texts: { text: string; lang: 'en' | 'zh'; source: string }[] = [
  ...seedSentences(8).map((text) => ({ text, lang: 'en' as const, source: 'seed' })),
  ...shuffle(
    dev.filter((d) => d.lang === 'en'),
    random,
  )
    .slice(0, 6)
    .map((d) => ({ text: d.claim, lang: 'en' as const, source: 'dev' })),
  ...dev
    .filter((d) => d.lang === 'zh')
    .map((d) => ({ text: d.claim, lang: 'zh' as const, source: 'dev' })),
  ...VIRAL.en.map((text) => ({ text, lang: 'en' as const, source: 'viral' })),
  ...VIRAL.zh.map((text) => ({ text, lang: 'zh' as const, source: 'viral' })),
];

const FONTS = {
  en: ['"DejaVu Sans"', '"Liberation Serif"', '"Liberation Sans"', '"DejaVu Serif"'],
  zh: ['"WenQuanYi Micro Hei"', '"WenQuanYi Micro Hei Mono"'],
};
const KINDS: ScreenshotKind[] = ['chat', 'news', 'poster'];
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

/** Edit distance, by code point. */
function levenshtein(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++)
      cur[j] = Math.min(
        prev[j]! + 1,
        cur[j - 1]! + 1,
        prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1),
      );
    prev = cur;
  }
  return prev[y.length]!;
}
const squash = (s: string) => s.replace(/\s+/gu, ' ').trim();

/** JPEG at a chat app's quality, and/or a small tilt (a photo of a screen), as the spec says. */
async function degrade(png: Buffer, jpeg: boolean, angle: number): Promise<Buffer> {
  let image = sharp(png);
  if (angle !== 0) image = image.rotate(angle, { background: '#ffffff' });
  return jpeg
    ? image.jpeg({ quality: 55 + Math.floor(random() * 25) }).toBuffer()
    : image.png().toBuffer();
}

const renderer = await createScreenshotRenderer();
const pool = createOcrPool({ size: cfg.OCR_WORKERS, logger });
const settings = ocrSettings(cfg);
const checker = await createChecker(cfg, logger);

// Load the worker before timing (its one-off start is reported on its own).
const warmStart = performance.now();
await readClaimImage(
  await renderer.render({ kind: 'poster', text: 'Warm up the reader', theme: 'light' }),
  { pool, settings },
).catch(() => undefined);
const warmMs = performance.now() - warmStart;

const stats = { en: { edits: 0, chars: 0, n: 0 }, zh: { edits: 0, chars: 0, n: 0 } };
const latencies: number[] = [];
let agree = 0;
let total = 0;
let refused = 0;
let peakRss = process.memoryUsage().rss;
const misses: string[] = [];
const poorReads: string[] = [];
const describe = (spec: ScreenshotSpec, jpeg: boolean, angle: number) =>
  `${spec.kind}/${spec.theme}/${spec.font}/${spec.fontSize}px${jpeg ? '/jpeg' : ''}${angle ? `/rot${angle.toFixed(1)}` : ''}`;

for (const item of texts) {
  const typed = await checker.check(item.text);
  for (let v = 0; v < VARIANTS_PER_TEXT; v++) {
    const spec: ScreenshotSpec = {
      kind: pick(KINDS),
      text: item.text,
      theme: random() < 0.5 ? 'light' : 'dark',
      font: pick(FONTS[item.lang]),
      fontSize: pick([15, 18, 22]),
    };
    const jpeg = random() < 0.5;
    const angle = random() < 0.35 ? (random() < 0.5 ? -1 : 1) * (0.5 + random()) : 0;
    const image = await degrade(await renderer.render(spec), jpeg, angle);
    total++;
    const started = performance.now();
    let readText = '';
    try {
      readText = (await readClaimImage(image, { pool, settings })).text;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      refused++;
    }
    latencies.push(performance.now() - started);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const s = stats[item.lang];
    const edits = levenshtein(squash(readText), squash(item.text));
    s.edits += edits;
    if (edits / [...squash(item.text)].length > 0.15)
      poorReads.push(`${item.lang} ${describe(spec, jpeg, angle)}: ${JSON.stringify(readText)}`);
    s.chars += [...squash(item.text)].length;
    s.n++;
    const verdict = readText ? (await checker.check(readText)).verdict : 'REFUSED';
    if (verdict === typed.verdict) agree++;
    else
      misses.push(
        `${item.lang} ${describe(spec, jpeg, angle)}: typed ${typed.verdict}, read ${verdict}: ${JSON.stringify(readText)}`,
      );
  }
}
latencies.sort((a, b) => a - b);

row('images (texts x variants)', `${total} (${texts.length} x ${VARIANTS_PER_TEXT})`);
row('OCR workers / languages', `${cfg.OCR_WORKERS} / ${cfg.OCR_LANGUAGES}`);
row('first read (worker start + load)', `${Math.round(warmMs)} ms`);
for (const lang of ['en', 'zh'] as const) {
  const s = stats[lang];
  row(`character error rate, ${lang} (${s.n} images)`, (s.edits / s.chars).toFixed(3));
}
row(
  'verdict agreement with typed text',
  `${(agree / total).toFixed(3)} (${agree}/${total}; target >= 0.90)`,
);
row('refused (OCR_NO_TEXT etc.)', String(refused));
row(
  'OCR latency per image p50 / p95',
  `${Math.round(quantile(latencies, 0.5))} / ${Math.round(quantile(latencies, 0.95))} ms`,
);
row('peak RSS (process, incl. OCR worker threads)', `${Math.round(peakRss / 1e6)} MB`);
for (const m of misses) console.log(`  disagreement: ${m}`);
for (const m of poorReads) console.log(`  CER > 0.15: ${m}`);

await renderer.close();
await pool.close();
await checker.close();
