import { jest } from '@jest/globals';
import type { FeedClaim } from '../../src/moderation/events.js';
import { ModerationService } from '../../src/moderation/moderation-service.js';
import { INDEX_BUILD_TIMEOUT_MS, tempDir } from '../server/support/real-checker.js';
import {
  smallKnowledge,
  WALKING_DOC,
  type SmallKnowledge,
} from '../server/support/small-knowledge.js';
import { captureLogs } from '../support/log-capture.js';
import { waitFor } from '../support/wait-for.js';
import { startModerationApp, type ModerationApp } from './support/moderation-app.js';
import { login } from './support/moderation-server.js';

const CLAIM = 'A brisk walk lowers blood pressure';

describe('answers and their cluster records', () => {
  let kb: SmallKnowledge;
  /** The database's folder, kept across the restarts of one test. */
  let dataDir: string;
  const apps: ModerationApp[] = [];

  beforeAll(async () => {
    kb = smallKnowledge({ 'walking.md': WALKING_DOC });
    await kb.ingest();
  }, INDEX_BUILD_TIMEOUT_MS);
  beforeEach(() => {
    dataDir = tempDir('factcheck-outbox-');
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    for (const app of apps.splice(0)) await app.close();
  });
  afterAll(() => kb.remove());

  /** The service over the small index, with its database in `dataDir` (a restart reopens it). */
  async function start(logs = captureLogs()): Promise<ModerationApp> {
    const app = await startModerationApp({
      checker: kb.load(),
      prefix: 'factcheck-outbox-app-',
      logger: logs.logger,
      settings: () => ({ DATA_DIR: dataDir, KNOWLEDGE_DIR: kb.knowledgeDir }),
    });
    apps.push(app);
    await app.server.gate.whenReady();
    return app;
  }
  const ask = async (app: ModerationApp): Promise<string> => {
    const res = await fetch(`${app.url}/api/v1/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ claim: CLAIM }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { answerId: string }).answerId;
  };
  const stop = async (app: ModerationApp) => {
    apps.splice(apps.indexOf(app), 1);
    await app.close();
  };

  it('puts an answer whose cluster record failed into the moderation feed at the next start', async () => {
    const logs = captureLogs();
    const first = await start(logs);
    // The cluster step fails once, after the answer is stored: as a crash between the two would.
    const record = jest
      .spyOn(ModerationService.prototype, 'record')
      .mockRejectedValueOnce(new Error('stopped between the answer and its cluster record'));
    const answerId = await ask(first);
    await waitFor(
      () => logs.lines().some((l) => l.msg === 'answer observer failed' && l.answerId === answerId),
      60_000,
      'the failed cluster step',
    );
    expect(record).toHaveBeenCalledTimes(1);
    expect(await first.handle.module.moderation.clusters.claimByAnswer(answerId)).toBeUndefined();
    await stop(first);

    const second = await start();
    const { clusters } = second.handle.module.moderation;
    const { accounts } = second.handle.module;
    await waitFor(() => clusters.claimByAnswer(answerId), 60_000, 'the replayed cluster record');
    const { password } = await accounts.add('mod', 'moderator');
    const session = await login(second.url, 'mod', password);
    const feed = (await (
      await fetch(`${second.url}/api/v1/moderate/feed`, { headers: { cookie: session.cookie } })
    ).json()) as FeedClaim[];
    expect(feed.filter((c) => c.answerId === answerId)).toEqual([
      expect.objectContaining({ text: CLAIM, channel: 'rest' }),
    ]);
    expect(await clusters.queuedAnswers()).toEqual([]);
  });

  it('leaves nothing to replay once an answer is clustered', async () => {
    const app = await start();
    const answerId = await ask(app);
    const { clusters } = app.handle.module.moderation;
    await waitFor(() => clusters.claimByAnswer(answerId), 60_000, 'the cluster record');
    expect(await clusters.queuedAnswers()).toEqual([]);
  });
});
