import type { Config } from '../../../src/config/config.js';
import type { ServerPlugin } from '../../../src/server/plugin.js';
import type { Checker } from '../../../src/verdict/checker-types.js';
import { startTestServer as startServer, type TestServer } from '../../support/test-server.js';

export {
  connected,
  nextEvent,
  type ChatClient,
  type TestServer,
} from '../../support/test-server.js';

/** The one test-server builder (test/support) in the positional form the server tests use. */
export const startTestServer = (
  checker: Checker | Promise<Checker>,
  overrides: Partial<Config> = {},
  plugins: ServerPlugin[] = [],
): Promise<TestServer> => startServer(checker, { settings: overrides, plugins });
