import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { io as connect, type Socket } from 'socket.io-client';
import { PROJECT_ROOT } from '../../src/config/config.js';
import { createLogger } from '../../src/logger.js';
import { createApp, type ServerApp } from '../../src/server/app.js';
import type { AnswerEvent, AnswerUpdatedEvent } from '../../src/server/events.js';
import {
  moderationPlugin,
  type ModerationHandle,
} from '../../src/server/moderate/moderation-plugin.js';
import { createChatStore, openServiceDb } from '../../src/store/chat-store.js';
import type { Db } from '../../src/store/db.js';
import type { Checker } from '../../src/verdict/checker-types.js';
import {
  INDEX_BUILD_TIMEOUT_MS,
  realChecker,
  tempDir,
  testConfig,
} from '../server/support/real-checker.js';
import { verdictOtherThan } from './support/verdicts.js';

const ARTIFACTS = path.join(PROJECT_ROOT, 'test-artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// A rumor from the April rumor inventory in knowledge/, answered by the real checker.
const RUMOR = 'Latin dance classes make girls reach puberty early';

describe('moderation console in the browser', () => {
  let dir: string;
  let db: Db;
  let server: ServerApp;
  let url: string;
  let browser: Browser;
  let handle: ModerationHandle;
  let checker: Checker;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    dir = tempDir('factcheck-console-');
    checker = await realChecker();
    await build({
      entryPoints: { console: path.join(PROJECT_ROOT, 'client/src/console/main.ts') },
      outdir: dir,
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'es2020',
      logLevel: 'warning',
    });
    fs.mkdirSync(path.join(dir, 'knowledge'));
    // Uploads go to this test's own knowledge folder and index, never the shared one.
    const config = testConfig(dir, { KNOWLEDGE_DIR: path.join(dir, 'knowledge') });
    db = openServiceDb(config);
    server = createApp({
      config,
      logger: createLogger('silent'),
      store: createChatStore(db),
      checker,
      plugins: [moderationPlugin({ onBuilt: (h) => (handle = h), clientDir: dir })],
      clientDir: dir,
    });
    await new Promise<void>((resolve) => server.httpServer.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`;
    // launch() gives every run a fresh temporary profile (the --user-data-dir of the brief).
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  }, INDEX_BUILD_TIMEOUT_MS);

  afterAll(async () => {
    for (const s of sockets) s.close();
    await browser?.close();
    await server.close();
    await checker.close();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
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
    const vote = (clientId: string, body: object) =>
      fetch(`${url}/api/v1/answers/${third.answer.answerId}/feedback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-client-id': clientId },
        body: JSON.stringify(body),
      });
    expect((await vote('browser-client-3', { helpful: true })).status).toBe(201);
    await item.getByText('1 helpful · 0 not helpful').waitFor();
    expect(
      (await vote('browser-voter-2', { helpful: false, reason: 'Cites no study' })).status,
    ).toBe(201);
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
    // Overrule the real checker: a verdict neither asker was told.
    const reviewed = verdictOtherThan([first.answer.verdict, third.answer.verdict]);
    await page.selectOption('#curate-verdict', reviewed);
    await page.fill('#curate-answer', 'No trusted document links dance classes to early puberty.');
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
