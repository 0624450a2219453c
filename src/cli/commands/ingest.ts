import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { createEmbedder } from '../../embed/index.js';
import type { IngestProgress, IngestReport } from '../../index/ingest-knowledge.js';
import { ingestKnowledge } from '../../index/ingest-knowledge.js';
import { createLogger } from '../../logger.js';
import type { RegisterCommand } from './index.js';

const PHASES: Record<IngestProgress['phase'], string> = {
  scan: 'reading ',
  embed: 'embedding',
  write: 'writing ',
};

/** A progress bar on stderr (drawn only on a terminal) fed by ingest progress events. */
export function ingestProgressBar(): {
  onProgress: (p: IngestProgress) => void;
  stop: () => void;
} {
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format:
        '{phase} [{bar}] {value}/{total} {unit} | {duration_formatted} elapsed, eta {eta_formatted}',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let phase: IngestProgress['phase'] | undefined;
  return {
    onProgress(p) {
      const payload = { phase: PHASES[p.phase], unit: p.phase === 'embed' ? 'passages' : 'files' };
      if (p.phase !== phase) {
        if (phase !== undefined) bar.stop();
        phase = p.phase;
        bar.start(p.total, p.done, payload);
      } else bar.update(p.done, payload);
    },
    stop: () => bar.stop(),
  };
}

export function formatIngestReport(report: IngestReport): string {
  const lines = [
    `${report.rebuilt ? 'Built' : 'Updated'} the index in ${report.seconds.toFixed(1)} s: ` +
      `${report.added} added, ${report.updated} updated, ${report.removed} removed, ` +
      `${report.unchanged} unchanged; ${report.embedded} passages embedded, ${report.passages} in the index.`,
  ];
  for (const [kind, sources] of Object.entries(report.changes))
    for (const source of sources) lines.push(`  ${kind.padEnd(8)} ${source}`);
  return `${lines.join('\n')}\n`;
}

/** `factcheck ingest [paths...]`: builds or updates the index from the knowledge folder. */
export const registerIngest: RegisterCommand = (program: Command) => {
  program
    .command('ingest')
    .description(
      'Build or update the index from the knowledge folder; only changed documents are re-embedded.',
    )
    .argument('[paths...]', 'files or folders inside the knowledge folder (default: all of it)')
    .action(async (paths: string[]) => {
      const config = loadConfig();
      const logger = createLogger(config.LOG_LEVEL);
      const embedder = await createEmbedder(config, logger);
      const progress = ingestProgressBar();
      try {
        const report = await ingestKnowledge(config, logger, {
          embedder,
          onProgress: progress.onProgress,
          ...(paths.length > 0 ? { paths } : {}),
        });
        progress.stop();
        process.stdout.write(formatIngestReport(report));
      } finally {
        progress.stop();
        await embedder.dispose();
      }
    });
};
