import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { io as connect, type Socket } from 'socket.io-client';
import { PROJECT_ROOT } from '../../src/config/config.js';
import type { AnswerEvent, AnswerUpdatedEvent } from '../../src/server/events.js';
import type { ModerationHandle } from '../../src/server/moderate/moderation-plugin.js';
import type { Checker } from '../../src/verdict/checker-types.js';
import { INDEX_BUILD_TIMEOUT_MS, realChecker, tempDir } from '../server/support/real-checker.js';
import { ARTIFACTS, chromiumLaunch } from '../support/chromium.js';
import { newClientToken } from '../support/client-token.js';
import { startModerationApp, type ModerationApp } from './support/moderation-app.js';
import { login, postLogin } from './support/moderation-server.js';
import { verdictOtherThan } from './support/verdicts.js';

// A rumor from the April rumor inventory in knowledge/, answered by the real checker.
const RUMOR = 'Latin dance classes make girls reach puberty early';

describe('moderation console in the browser', () => {
  let clientDir: string;
  let app: ModerationApp;
  let url: string;
  let browser: Browser;
  let handle: ModerationHandle;
  let checker: Checker;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    clientDir = tempDir('factcheck-console-');
    checker = await realChecker();
    await build({
      entryPoints: { console: path.join(PROJECT_ROOT, 'client/src/console/main.ts') },
      outdir: clientDir,
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'es2020',
      logLevel: 'warning',
    });
    // Uploads go to this test's own knowledge folder, never the project's.
    app = await startModerationApp({
      checker,
      prefix: 'factcheck-console-app-',
      settings: (dir) => ({ KNOWLEDGE_DIR: path.join(dir, 'knowledge') }),
      clientDir,
    });
    ({ url, handle } = app);
    // launch() gives every run a fresh temporary profile.
    browser = await chromium.launch(chromiumLaunch());
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  }, INDEX_BUILD_TIMEOUT_MS);

  afterAll(async () => {
    for (const s of sockets) s.close();
    await browser?.close();
    await app.close();
    await checker.close();
    fs.rmSync(clientDir, { recursive: true, force: true });
  });

  async function ask(
    clientId: string,
    text: string,
  ): Promise<{ socket: Socket; answer: AnswerEvent }> {
    const socket = connect(`${url}/chat`, { transports: ['websocket'], auth: { clientId } });
    sockets.push(socket);
    const answer = new Promise<AnswerEvent>((resolve) => socket.once('answer', resolve));
    await socket.emitWithAck('claim', { id: `m-${clientId}`, text });
    return { socket, answer: await answer };
  }

  it('logs in with the keyboard, shows clustered claims live, and pushes a reviewed answer to the asker', async () => {
    const { password } = await handle.module.accounts.add('ada', 'admin');
    const first = await ask('browser-client-1', RUMOR);
    await ask('browser-client-2', 'Tea cures the common cold overnight');

    // CSP allows only our own scripts; the test injects axe-core, so it bypasses CSP for that.
    const page = await (await browser.newContext({ bypassCSP: true })).newPage();
    await page.goto(`${url}/moderate`);
    await page.locator('#login-name').waitFor();
    await page.keyboard.type('ada');
    await page.keyboard.press('Tab');
    await page.keyboard.type(password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Trending rumors' }).waitFor();
    await page.getByText(RUMOR).first().waitFor();

    // A claim arriving now shows up in the live feed without a reload.
    const third = await ask('browser-client-3', `${RUMOR}!!! Share now`);
    await page
      .getByRole('list', { name: 'Incoming claims' })
      .getByText(`${RUMOR}!!! Share now`)
      .waitFor();
    await page.getByRole('list', { name: 'Clusters' }).getByText('2×').waitFor();

    // Feedback votes on that answer update its feed item in place, and not-helpful ones queue up.
    const item = page
      .getByRole('list', { name: 'Incoming claims' })
      .getByRole('listitem')
      .filter({ hasText: `${RUMOR}!!! Share now` });
    await item.getByText('0 helpful · 0 not helpful').waitFor();
    await item.evaluate((el) => el.setAttribute('data-seen', 'before the votes'));
    const height = (await item.boundingBox())?.height;
    // Two browsers, each one voter by the token the chat gave it.
    const [asker, other] = [await newClientToken(url), await newClientToken(url)];
    const vote = (clientToken: string, body: object) =>
      fetch(`${url}/api/v1/answers/${third.answer.answerId}/feedback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-client-token': clientToken },
        body: JSON.stringify(body),
      });
    expect((await vote(asker, { helpful: true })).status).toBe(201);
    await item.getByText('1 helpful · 0 not helpful').waitFor();
    expect((await vote(other, { helpful: false, reason: 'Cites no study' })).status).toBe(201);
    await item.getByText('1 helpful · 1 not helpful').waitFor();
    await page
      .getByRole('list', { name: 'Not helpful votes' })
      .getByText(/Cites no study/)
      .waitFor();
    // The same element, the same size: the update did not re-render or move the item.
    expect(await item.getAttribute('data-seen')).toBe('before the votes');
    expect((await item.boundingBox())?.height).toBe(height);

    const axe = fs.readFileSync(
      path.join(PROJECT_ROOT, 'node_modules/axe-core/axe.min.js'),
      'utf8',
    );
    await page.addScriptTag({ content: axe });
    const violations = await page.evaluate(async () => {
      const result = await (
        window as unknown as {
          axe: { run(): Promise<{ violations: { id: string; impact: string }[] }> };
        }
      ).axe.run();
      return result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => v.id);
    });
    expect(violations).toEqual([]);

    await page.getByRole('button', { name: `Review: ${RUMOR} (2 asks)` }).focus();
    await page.keyboard.press('Enter');
    await page.locator('#curate-title').waitFor();
    // Overrule the real checker with a verdict neither asker was told ("not enough information"
    // where possible: a moderator unconvinced by the machine's sources).
    const reviewed = verdictOtherThan([first.answer.verdict, third.answer.verdict], {
      prefer: 'NOT_ENOUGH_INFO',
    });
    await page.selectOption('#curate-verdict', reviewed);
    await page.fill(
      '#curate-answer',
      'Moderators checked this: the cited passage is the only one in our documents on it.',
    );
    // Citations are picked from a search over the knowledge base, with the keyboard.
    await page.locator('#curate-search').focus();
    await page.keyboard.press('Enter');
    const cite = page.getByRole('list', { name: 'Search results' }).getByRole('button', {
      name: 'Cite',
    });
    await cite.first().waitFor();
    await cite.first().press('Enter');
    const chosen = page.getByRole('list', { name: 'Chosen citations' }).getByRole('listitem');
    await chosen.first().waitFor();
    expect(await chosen.count()).toBe(1);
    await page.screenshot({ path: path.join(ARTIFACTS, 'moderation-console.png'), fullPage: true });

    const updated = new Promise<AnswerUpdatedEvent>((resolve) =>
      first.socket.once('answer:updated', resolve),
    );
    await page.getByRole('button', { name: 'Save reviewed answer' }).press('Enter');
    await page.getByText('Saved. Corrections sent: 2.').waitFor();
    expect(await updated).toMatchObject({
      answerId: first.answer.answerId,
      verdict: reviewed,
      previousVerdict: first.answer.verdict,
    });
    await page.getByRole('list', { name: 'Audit log' }).getByText('curated.create').waitFor();

    // Admins manage accounts: a new moderator's one-time password is shown once and works.
    await page.fill('#account-name', 'grace');
    await page.getByRole('button', { name: 'Add moderator' }).press('Enter');
    const shown = page.getByRole('status').filter({ hasText: 'One-time password for grace' });
    const oneTime = (await shown.locator('code').textContent())!;
    expect((await login(url, 'grace', oneTime)).csrfToken).toBeTruthy();
    await page.getByRole('button', { name: 'Disable grace' }).press('Enter');
    await page.getByRole('button', { name: 'Enable grace' }).waitFor();
    expect((await postLogin(url, 'grace', oneTime)).status).toBe(403);

    // Admins add a document and watch it being ingested.
    await page.setInputFiles('#doc-file', {
      name: 'dance.md',
      mimeType: 'text/markdown',
      buffer: Buffer.from(
        '# Dance and puberty\n\nNo study links dance classes to early puberty.\n',
      ),
    });
    await page.getByRole('button', { name: 'Upload and ingest' }).press('Enter');
    await page.getByText(/upload done: \d+ passages indexed/).waitFor({ timeout: 60_000 });
    await page
      .getByRole('list', { name: 'Uploaded documents' })
      .getByText(/dance\.md/)
      .waitFor();

    const answerPage = await browser.newPage();
    await answerPage.goto(`${url}/a/${first.answer.answerId}`);
    await answerPage.getByText('Reviewed by a person').waitFor();
    await answerPage.screenshot({ path: path.join(ARTIFACTS, 'answer-page.png'), fullPage: true });
  });

  it('sends a visitor without a session back to the login form', async () => {
    const page = await browser.newPage();
    await page.goto(`${url}/moderate`);
    await page.getByRole('heading', { name: 'Moderator login' }).waitFor();
    await page.fill('#login-name', 'ada');
    await page.fill('#login-password', 'wrong-password');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').getByText('Wrong name or password.').waitFor();
  });
});
