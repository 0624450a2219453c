import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { AppError } from '../../errors.js';
import type { Verdict } from '../../types.js';
import type { Checker } from '../../verdict/checker.js';
import {
  LABELS,
  formatEvalReport,
  scoreEval,
  type EvalReport,
  type LabeledClaim,
  type Prediction,
} from '../../verdict/eval/metrics.js';
import { reliabilityDiagramPng } from '../../verdict/eval/reliability-diagram.js';
import { runSciFact } from '../../verdict/eval/scifact.js';
import { openChecker } from './check.js';
import type { RegisterCommand } from './index.js';

/** Parses a labeled claims file; a malformed line is an error naming its line number. */
export function parseLabeled(text: string): LabeledClaim[] {
  return text
    .split('\n')
    .map((l, i) => [l, i + 1] as const)
    .filter(([l]) => l.trim() !== '')
    .map(([l, n]) => {
      let o: Partial<LabeledClaim>;
      try {
        o = JSON.parse(l) as Partial<LabeledClaim>;
      } catch {
        throw new AppError('INVALID_JSON', `Line ${n} is not valid JSON.`);
      }
      if (typeof o.claim !== 'string' || !LABELS.includes(o.label as Verdict))
        throw new AppError(
          'VALIDATION_FAILED',
          `Line ${n} needs a claim and a label (${LABELS.join(', ')}).`,
        );
      return { ...o, id: String(o.id ?? n), evidence: o.evidence ?? [] } as LabeledClaim;
    });
}

/** Finds each gold quote in its file (the source whose path ends with the file name). */
async function goldSpans(
  knowledgeDir: string,
  sources: string[],
  evidence: LabeledClaim['evidence'],
  cache: Map<string, string>,
): Promise<Prediction['gold']> {
  const out: Prediction['gold'] = [];
  for (const e of evidence) {
    const source = sources.find((s) => s === e.file || s.endsWith(`/${e.file}`)) ?? e.file;
    let text = cache.get(source);
    if (text === undefined) {
      text = await readFile(path.join(knowledgeDir, source), 'utf8').catch(() => '');
      cache.set(source, text);
    }
    const start = text.indexOf(e.quote);
    if (start >= 0) out.push({ source, start, end: start + e.quote.length });
  }
  return out;
}

/** Runs the checker on every labeled claim and scores it. */
export async function evaluate(checker: Checker, items: LabeledClaim[], knowledgeDir: string) {
  const sources = [...new Set(checker.passages.flatMap((p) => (p ? [p.source] : [])))];
  const cache = new Map<string, string>();
  const predictions: Prediction[] = [];
  for (const item of items) {
    const result = await checker.check(item.claim);
    let offsetErrors = 0;
    for (const c of result.citations) {
      const ctx = await checker.sourceContext(c.docId, c.start, c.end);
      if (ctx?.quote !== c.quote) offsetErrors++;
    }
    predictions.push({
      id: item.id,
      verdict: result.verdict,
      confidence: result.confidence,
      citations: result.citations,
      offsetErrors,
      gold: await goldSpans(knowledgeDir, sources, item.evidence, cache),
    });
  }
  return { report: scoreEval(items, predictions), predictions };
}

/**
 * Prints the report (table or JSON); with `diagram`, then writes the reliability diagram PNG there
 * and names it (on stderr under --json, so stdout stays one JSON document).
 */
async function output(report: EvalReport, opts: { json?: boolean; diagram?: string }) {
  process.stdout.write(
    opts.json ? JSON.stringify(report, null, 2) + '\n' : formatEvalReport(report) + '\n',
  );
  if (!opts.diagram) return;
  if (!report.calibration)
    throw new AppError(
      'VALIDATION_FAILED',
      'No reliability diagram: the answers carry no confidence.',
    );
  const { bins, ece } = report.calibration;
  await writeFile(opts.diagram, reliabilityDiagramPng(bins, { ece }));
  const line = `reliability diagram ${opts.diagram}  (ECE ${ece.toFixed(3)})`;
  if (opts.json) process.stderr.write(line + '\n');
  else process.stdout.write('\n' + line + '\n');
}

/** `factcheck eval <claims.jsonl> [--json] [--diagram <png>]`, `factcheck eval --scifact <dir>`. */
export const registerEval: RegisterCommand = (program: Command) => {
  program
    .command('eval [claims]')
    .description(
      'Score the checker on a labeled claims file (accuracy, macro-F1, evidence hits, offsets).',
    )
    .option('--json', 'print the report as JSON')
    .option('--diagram <png>', 'also write a reliability diagram (confidence against accuracy)')
    .option(
      '--scifact <dir>',
      'label accuracy on SciFact claims_dev against its corpus (separate index)',
    )
    .option('--limit <n>', 'only the first n claims (SciFact)')
    .action(
      async (
        file: string | undefined,
        opts: { json?: boolean; diagram?: string; scifact?: string; limit?: string },
      ) => {
        if (opts.scifact) {
          const report = await runSciFact(
            loadConfig(),
            opts.scifact,
            opts.limit ? Number(opts.limit) : undefined,
          );
          await output(report, opts);
          return;
        }
        if (!file) throw new AppError('VALIDATION_FAILED', 'Give a claims file (JSON lines).');
        const text = await readFile(file, 'utf8').catch((err: unknown) => {
          throw new AppError('SOURCE_NOT_FOUND', `Cannot read ${file}.`, { cause: err });
        });
        const items = parseLabeled(text);
        const checker = await openChecker();
        try {
          const { report } = await evaluate(checker, items, loadConfig().KNOWLEDGE_DIR);
          await output(report, opts);
        } finally {
          await checker.close();
        }
      },
    );
};
