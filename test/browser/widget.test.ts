import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../src/config/config.js';
import { INDEX_BUILD_TIMEOUT_MS, tempDir } from '../server/support/real-checker.js';
import { ARTIFACTS, chromiumLaunch } from '../support/chromium.js';
import { useRealServer } from '../support/test-server.js';
import { STRINGS, verdictIcon } from '../../client/src/widget/i18n.js';
import type { CheckResult } from '../../src/types.js';

const CLAIM = 'Are strawberries really the dirtiest fruit?';

const real = useRealServer();
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  // Fail loudly rather than skip: the browser test is part of the suite.
  const chromiumOptions = chromiumLaunch();
  const built = spawnSync(process.execPath, ['--import', 'tsx', 'client/build.ts'], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(`widget build failed: ${built.stderr}`);
  process.stdout.write(built.stdout);
  context = await chromium.launchPersistentContext(tempDir('factcheck-chromium-'), {
    ...chromiumOptions,
    headless: true,
    locale: 'en-US',
    // Lets the test inject axe-core into a page whose CSP allows only its own scripts.
    bypassCSP: true,
  });
  page = await context.newPage();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
}, INDEX_BUILD_TIMEOUT_MS);

afterAll(async () => {
  await context?.close();
});

describe('the chat widget in a real browser', () => {
  it('answers a claim with a verdict badge and citations, shows the source in context and records a vote', async () => {
    await page.goto(real.server.url);
    const input = page.getByLabel('Claim to check');
    await input.fill(CLAIM);
    const sent = Date.now();
    await input.press('Enter');
    const badge = page.locator('.answer .badge').first();
    await badge.waitFor({ timeout: 60_000 });
    const firstAnswerMs = Date.now() - sent;
    process.stdout.write(`first answer in the browser: ${firstAnswerMs} ms\n`);
    // The badge shows the verdict the service gives for this claim, in words and icon.
    const checked = (await (
      await fetch(`${real.server.url}/api/v1/check`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ claim: CLAIM }),
      })
    ).json()) as CheckResult;
    expect(await badge.textContent()).toContain(STRINGS.en.verdicts[checked.verdict]);
    expect(await badge.locator('.icon').textContent()).toBe(verdictIcon[checked.verdict]);
    const citations = page.locator('.answer .citation');
    expect(await citations.count()).toBeGreaterThan(0);
    const quote = (await citations.first().locator('mark').textContent()) ?? '';
    expect(quote.length).toBeGreaterThan(20);

    await page.locator('.answer-text .marker').first().click();
    await expect(
      page.evaluate(
        () =>
          document.querySelector('[data-factcheck-widget]')?.shadowRoot?.activeElement?.className,
      ),
    ).resolves.toBe('citation');

    await citations.first().getByRole('button', { name: 'View in source' }).click();
    const dialog = page.locator('dialog.source');
    await dialog.locator('.context mark').waitFor();
    expect(await dialog.locator('.context mark').textContent()).toBe(quote);
    expect(((await dialog.locator('.context').textContent()) ?? '').length).toBeGreaterThanOrEqual(
      quote.length,
    );
    await page.screenshot({ path: path.join(ARTIFACTS, 'widget-source.png') });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: 'Helpful', exact: true }).first().click();
    await page.getByText('Thank you for your feedback.').waitFor();
    const answerId = await page.locator('.answer').first().getAttribute('data-answer-id');
    expect(await real.server.store.answers.votes(answerId!)).toEqual({ helpful: 1, notHelpful: 0 });
    await page.screenshot({ path: path.join(ARTIFACTS, 'widget-answer.png'), fullPage: true });
  });

  it('has no serious or critical accessibility violations (axe-core)', async () => {
    const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
    await page.evaluate(fs.readFileSync(axePath, 'utf8'));
    const violations = await page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: {
            run(
              ctx: Document,
            ): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }>;
          };
        }
      ).axe;
      const result = await axe.run(document);
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
    });
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  });

  it('keeps the conversation across a reload, from the server', async () => {
    await page.reload();
    await page.locator('.answer .badge').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('.exchange .user').first().textContent()).toContain(CLAIM);
  });

  it('keeps the conversation to this browser: another one given only its id is shown none of it', async () => {
    const stored = (key: string) => page.evaluate((k) => localStorage.getItem(k), key);
    const conversationId = await stored('factcheck:conversation');
    expect(await stored('factcheck:token')).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const other = await chromium.launch({ ...chromiumLaunch(), headless: true });
    try {
      const otherContext = await other.newContext({ locale: 'en-US' });
      await otherContext.addInitScript((id) => {
        if (!localStorage.getItem('factcheck:token'))
          localStorage.setItem('factcheck:conversation', id);
      }, conversationId!);
      const intruder = await otherContext.newPage();
      await intruder.goto(real.server.url);
      // Refused, the widget moves to a conversation of its own instead of showing this one.
      await intruder.waitForFunction(
        (id) => localStorage.getItem('factcheck:conversation') !== id,
        conversationId,
      );
      expect(await intruder.locator('.exchange').count()).toBe(0);
      expect(await page.locator('.exchange').count()).toBeGreaterThan(0);
    } finally {
      await other.close();
    }
  });

  it('can be used with the keyboard alone', async () => {
    await page.reload();
    await page.locator('.answer .badge').first().waitFor({ timeout: 30_000 });
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(
        () =>
          document.querySelector('[data-factcheck-widget]')?.shadowRoot?.activeElement?.id ===
          'fc-input',
      );
    }
    expect(reached).toBe(true);
    await page.keyboard.type('why?');
    await page.keyboard.press('Enter');
    await page.locator('.exchange').nth(1).locator('.answer').waitFor({ timeout: 30_000 });
    expect(await page.locator('.exchange').nth(1).locator('.answer-text').textContent()).toMatch(
      /\[1\]/,
    );
  });

  it('speaks Chinese on a Chinese page', async () => {
    const zh = await context.newPage();
    await zh.route(`${real.server.url}/zh`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="zh-CN"><head><title>核查</title></head><body><div data-factcheck-widget></div><script src="/widget.js" async></script></body></html>`,
      }),
    );
    await zh.goto(`${real.server.url}/zh`);
    await zh.getByLabel('要核查的说法').waitFor();
    await zh.close();
  });
});
