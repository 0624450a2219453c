import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { AppError } from '../../errors.js';
import { createLogger } from '../../logger.js';
import { serviceCheckerLoader } from '../../server/load-checker.js';
import { startServer, type IndexProgress } from '../../server/main.js';
import { defaultPlugins } from '../../server/plugins.js';
import type { RegisterCommand } from './index.js';

/** Index-building progress: a bar on a terminal, a line per phase otherwise. */
function progressDisplay(): { update(p: IndexProgress): void; stop(): void } {
  if (!process.stderr.isTTY) {
    let phase = '';
    return {
      update(p) {
        if (p.phase === phase) return;
        phase = p.phase;
        process.stderr.write(`building the index: ${p.phase} (${p.total})\n`);
      },
      stop: () => undefined,
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: 'building the index: {phase} [{bar}] {value}/{total}', stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  let isStarted = false;
  return {
    update(p) {
      if (!isStarted) bar.start(p.total, p.done, { phase: p.phase });
      isStarted = true;
      bar.setTotal(p.total);
      bar.update(p.done, { phase: p.phase });
    },
    stop: () => isStarted && bar.stop(),
  };
}

/** `factcheck serve [--port N]`: the chat widget, the REST API and Socket.IO until SIGTERM/SIGINT. */
export const registerServe: RegisterCommand = (program: Command) => {
  program
    .command('serve')
    .description(
      'Serve the chat widget, the REST API and Socket.IO (builds the index on first start).',
    )
    .option('--port <n>', 'port to listen on (default PORT, 3000)')
    .action(async (options: { port?: string }) => {
      const port = options.port === undefined ? undefined : Number(options.port);
      if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) {
        throw new AppError('VALIDATION_FAILED', '--port is an integer from 0 to 65535.');
      }
      const config = loadConfig();
      const logger = createLogger(config.LOG_LEVEL);
      const progress = progressDisplay();
      const running = await startServer({
        config,
        logger,
        port,
        plugins: defaultPlugins,
        loadChecker: serviceCheckerLoader(config, logger),
        onIndexProgress: (p) => progress.update(p),
      });
      process.stdout.write(`Serving on ${running.url}\n`);
      await new Promise<void>((resolve) => {
        const stop = () =>
          running.stop().then(resolve, (err: unknown) => {
            logger.error({ err }, 'shutdown failed');
            process.exitCode = 1;
            resolve();
          });
        running.ready.then(
          () => progress.stop(),
          () => {
            progress.stop();
            process.exitCode = 1;
            void stop();
          },
        );
        // SIGHUP brings the index in line with the knowledge folder (after `factcheck ingest` in
        // another shell there is nothing left to embed) in a worker thread, then serves it.
        process.on('SIGHUP', () => {
          logger.info('SIGHUP: ingesting the knowledge folder and reloading the index');
          running.server.ingest
            .submit({ action: 'reload', file: null })
            .catch((err: unknown) =>
              logger.error({ err }, 'index reload could not be queued; the old index serves'),
            );
        });
        for (const signal of ['SIGTERM', 'SIGINT'] as const) {
          process.once(signal, () => {
            logger.info({ signal }, 'signal received');
            void stop();
          });
        }
      });
      // Native addons (the encoder's runtime) may keep handles open; exit once stopped.
      setTimeout(() => process.exit(), 1000).unref();
    });
};
