import fs from 'node:fs';
import { io as connect } from 'socket.io-client';
import { createLogger } from '../../src/logger.js';
import type { AnswerEvent, ClaimAck, HistoryAck } from '../../src/server/events.js';
import { startServer, type RunningServer } from '../../src/server/main.js';
import type { Checker } from '../../src/verdict/checker-types.js';
import {
  INDEX_BUILD_TIMEOUT_MS,
  realChecker,
  tempDir,
  testConfig,
} from './support/real-checker.js';
import { issuedToken } from '../support/client-token.js';
import { connected, nextEvent, type ChatClient } from './support/test-server.js';

const CLAIM = 'Are strawberries really the dirtiest fruit?';
let dataDir: string;
let checker: Checker;

/**
 * startServer as `factcheck serve` runs it, on port 0, with the shared real checker (kept open:
 * the server closes its checker on stop). `hold` delays checks so a test can stop the server
 * while an answer is in flight.
 */
function start(hold?: Promise<void>): Promise<RunningServer> {
  return startServer({
    config: testConfig(dataDir),
    logger: createLogger('silent'),
    port: 0,
    loadChecker: async () => ({
      ...checker,
      check: async (claim, options) => {
        await hold;
        return checker.check(claim, options);
      },
      close: async () => undefined,
    }),
  });
}

const chat = (running: RunningServer, auth: { clientToken?: string } = {}): ChatClient =>
  connect(`${running.url}/chat`, { transports: ['websocket'], reconnection: false, auth });

beforeAll(async () => {
  checker = await realChecker();
  dataDir = tempDir('factcheck-lifecycle-');
}, INDEX_BUILD_TIMEOUT_MS);

afterAll(async () => {
  await checker?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('server lifecycle', () => {
  it('keeps conversations and answers across a restart on the same data folder', async () => {
    const first = await start();
    await first.ready;
    const socket = chat(first);
    const token = issuedToken(socket);
    await connected(socket);
    const answered = nextEvent<AnswerEvent>(socket, 'answer');
    await socket.emitWithAck('claim', { id: 'p1', text: CLAIM, conversationId: 'conv-restart-01' });
    const answer = await answered;
    const rest = (await (
      await fetch(`${first.url}/api/v1/check`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ claim: CLAIM }),
      })
    ).json()) as { answerId: string; verdict: string };
    socket.disconnect();
    await first.stop();

    const second = await start();
    try {
      await second.ready;
      // The client's token from before the restart still makes it the conversation's owner.
      const again = chat(second, { clientToken: await token });
      await connected(again);
      const history = (await again.emitWithAck('history', {
        conversationId: 'conv-restart-01',
      })) as HistoryAck;
      expect(history).toMatchObject({
        ok: true,
        messages: [
          { id: 'p1', text: CLAIM, answer: { answerId: answer.answerId, verdict: answer.verdict } },
        ],
      });
      const stored = await fetch(`${second.url}/api/v1/answers/${rest.answerId}`);
      expect(stored.status).toBe(200);
      expect(((await stored.json()) as { verdict: string }).verdict).toBe(rest.verdict);
      again.disconnect();
    } finally {
      await second.stop();
    }
  });

  it('finishes answers in flight on shutdown and refuses new claims meanwhile', async () => {
    let release!: () => void;
    const running = await start(new Promise<void>((resolve) => (release = resolve)));
    await running.ready;
    const socket = chat(running);
    await connected(socket);
    const answered = nextEvent<AnswerEvent>(socket, 'answer', (a) => a.inReplyTo === 'inflight');
    const ack = (await socket.emitWithAck('claim', { id: 'inflight', text: CLAIM })) as ClaimAck;
    expect(ack.ok).toBe(true);
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const stopped = running.stop();
    const late = (await socket.emitWithAck('claim', { id: 'late', text: CLAIM })) as ClaimAck;
    expect(late).toMatchObject({ ok: false, error: { code: 'SHUTTING_DOWN' } });
    const readyz = await fetch(`${running.url}/readyz`);
    expect(readyz.status).toBe(503);
    expect(((await readyz.json()) as { error: { code: string } }).error.code).toBe('SHUTTING_DOWN');
    release();
    expect((await answered).verdict).toBeDefined();
    await stopped;
    expect(await disconnected).toMatch(/disconnect|close/);
    await expect(fetch(`${running.url}/healthz`)).rejects.toThrow();
  });
});
