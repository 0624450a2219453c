import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type FileChooser, type Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../src/config/config.js';
import { INDEX_BUILD_TIMEOUT_MS } from '../server/support/real-checker.js';
import { ARTIFACTS, chromiumLaunch } from '../support/chromium.js';
import {
  badImages,
  renderStarbucksShots,
  STARBUCKS_SHOTS,
  type StarbucksShot,
} from '../support/screenshot-claims.js';
import { useRealServer } from '../support/test-server.js';
import { waitFor } from '../support/wait-for.js';

const real = useRealServer();
let browser: Browser;
let page: Page;
let shots: Record<StarbucksShot, Buffer>;
let bad: Awaited<ReturnType<typeof badImages>>;
const choosers: FileChooser[] = [];

/** A PNG in a DataTransfer, as the browser hands a pasted or dropped file to the page. */
const transferOf = (png: Buffer) =>
  page.evaluateHandle((b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], 'screenshot.png', { type: 'image/png' }));
    return data;
  }, png.toString('base64'));

/**
 * Pastes a PNG into the claim box. (A ClipboardEvent made in the page: Playwright's
 * dispatchEvent makes a plain Event for "paste", without clipboardData.)
 */
async function paste(png: Buffer): Promise<void> {
  const clipboardData = await transferOf(png);
  await page.evaluate((data) => {
    const root = document.querySelector('[data-factcheck-widget]')!.shadowRoot!;
    const event = new ClipboardEvent('paste', {
      clipboardData: data,
      bubbles: true,
      cancelable: true,
    });
    root.querySelector('textarea')!.dispatchEvent(event);
  }, clipboardData);
}

/** Drops a PNG on the widget. */
async function drop(png: Buffer): Promise<void> {
  const dataTransfer = await transferOf(png);
  await page.locator('.panel').dispatchEvent('drop', { dataTransfer });
}

/**
 * Sends the claim box and waits for the newest exchange's answer. After the synthetic drop,
 * Playwright's clicks and key presses stalled in this harness (cause not found), so that test
 * submits the form from the page (the same submit handler runs).
 */
async function sendAndAwaitAnswer(how: 'click' | 'submit' = 'click') {
  const before = await page.locator('.exchange').count();
  if (how === 'click') await page.getByRole('button', { name: 'Check', exact: true }).click();
  else
    await page.evaluate(() =>
      document
        .querySelector('[data-factcheck-widget]')!
        .shadowRoot!.querySelector('form')!
        .requestSubmit(),
    );
  const exchange = page.locator('.exchange').nth(before);
  await exchange.locator('.answer .badge').waitFor({ timeout: 60_000 });
  return exchange;
}

beforeAll(async () => {
  const built = spawnSync(process.execPath, ['--import', 'tsx', 'client/build.ts'], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(`widget build failed: ${built.stderr}`);
  shots = await renderStarbucksShots();
  bad = await badImages(shots.english);
  browser = await chromium.launch({ ...chromiumLaunch(), headless: true });
  page = await browser.newPage({ locale: 'en-US', bypassCSP: true });
  // Intercepting file choosers is switched on by the first listener, over CDP, without waiting;
  // listening from the start means a chooser opened by a key press cannot beat it.
  page.on('filechooser', (chooser) => choosers.push(chooser));
  await page.goto(real.server.url);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
}, INDEX_BUILD_TIMEOUT_MS);

afterAll(() => browser?.close());

describe('screenshot claims in the widget', () => {
  it('reads a pasted English screenshot, shows it editable, and answers it REFUTED citing acrylamide', async () => {
    await paste(shots.english);
    await page.getByText('We read the text below from the screenshot').waitFor({ timeout: 60_000 });
    expect(await page.getByLabel('Claim to check').inputValue()).toBe(STARBUCKS_SHOTS.english.text);
    // The preview says what it shows.
    expect(await page.locator('img.shot').getAttribute('alt')).toBe(
      `Screenshot that reads: ${STARBUCKS_SHOTS.english.text}`,
    );
    await page.screenshot({ path: path.join(ARTIFACTS, 'widget-image-read.png') });
    const exchange = await sendAndAwaitAnswer();
    expect(await exchange.locator('.user').textContent()).toContain(STARBUCKS_SHOTS.english.text);
    expect(await exchange.locator('.badge').textContent()).toContain('False');
    const quotes = await exchange.locator('.citation mark').allTextContents();
    expect(quotes.some((q) => /acrylamide|318 cups/i.test(q))).toBe(true);
    // Sent: the preview is gone, ready for the next claim.
    expect(await page.locator('figure.shot-preview').isHidden()).toBe(true);
  });

  it('picks a screenshot with the keyboard alone', async () => {
    await page.getByLabel('Claim to check').focus();
    await page.keyboard.press('Shift+Tab');
    expect(
      await page.evaluate(
        () =>
          document.querySelector('[data-factcheck-widget]')?.shadowRoot?.activeElement?.textContent,
      ),
    ).toBe('Add a screenshot');
    choosers.length = 0;
    await page.keyboard.press('Enter');
    const chooser = await waitFor(() => choosers[0], 30_000, 'a file chooser');
    await chooser.setFiles({ name: 'shot.png', mimeType: 'image/png', buffer: shots.english });
    await page.getByText('We read the text below').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Remove the screenshot' }).press('Enter');
    expect(await page.locator('figure.shot-preview').isHidden()).toBe(true);
  });

  it('says why a GIF or a damaged screenshot cannot be read, and keeps nothing attached', async () => {
    const file = page.locator('input[type="file"]');
    await file.setInputFiles({ name: 'shot.gif', mimeType: 'image/gif', buffer: bad.gif.bytes });
    await page.getByText('Send a PNG, JPEG or WebP screenshot.').waitFor();
    await file.setInputFiles({
      name: 'cut.png',
      mimeType: 'image/png',
      buffer: bad.truncated.bytes,
    });
    await page
      .getByText('The screenshot could not be read: The image is damaged or cut short.')
      .waitFor({ timeout: 30_000 });
    expect(await page.locator('figure.shot-preview').isHidden()).toBe(true);
  });

  it('has no serious or critical accessibility violations with a screenshot attached (axe-core)', async () => {
    await paste(shots.english);
    await page.getByText('We read the text below').waitFor({ timeout: 60_000 });
    const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
    await page.evaluate(fs.readFileSync(axePath, 'utf8'));
    const violations = await page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: { run(ctx: Document): Promise<{ violations: { id: string; impact: string }[] }> };
        }
      ).axe;
      return (await axe.run(document)).violations.map((v) => ({ id: v.id, impact: v.impact }));
    });
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  });
  // Last: see sendAndAwaitAnswer.
  it('checks the reading as edited before sending, with the screenshot beside it', async () => {
    await drop(shots.chinese);
    await page.getByText('We read the text below').waitFor({ timeout: 60_000 });
    const input = page.getByLabel('Claim to check');
    expect(await input.inputValue()).toBe(STARBUCKS_SHOTS.chinese.text);
    await input.fill('星巴克咖啡会致癌');
    const exchange = await sendAndAwaitAnswer('submit');
    expect(await exchange.locator('.user').textContent()).toContain('星巴克咖啡会致癌');
    expect(await exchange.locator('.badge').textContent()).toContain('False');
    const stored = (await real.server.store.answers.since(0)).at(-1)!;
    expect(stored.claim).toBe('星巴克咖啡会致癌');
    expect((stored.result as { ocr?: { text: string } }).ocr?.text).toBe(
      STARBUCKS_SHOTS.chinese.text,
    );
  });
});
