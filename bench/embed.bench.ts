/**
 * Raw batch throughput of the text encoders on the seed corpus (knowledge/seeds/*.txt, split on
 * blank lines): USE-Lite on each TF.js backend (and wasm with a worker thread), for sentences
 * and for passage-sized texts.
 * Prints texts/s (wall clock) and texts per CPU second (steadier on a shared machine), the model
 * load time and the process RSS after loading and after the run (worker threads start lazily).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config/config.js';
import { measureThroughput } from '../src/embed/throughput.js';
import type { TfBackendName } from '../src/embed/tfjs-backend.js';
import { loadUseLiteEmbedder } from '../src/embed/use-lite-embedder.js';

/** Texts per run; the pure-JavaScript cpu backend is much slower, so it gets a smaller sample. */
const SAMPLE: Record<TfBackendName, number> = { wasm: 256, cpu: 24 };
const BATCH_SIZE = 32;

function seedParagraphs(): string[] {
  const dir = path.join(PROJECT_ROOT, 'knowledge', 'seeds');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .flatMap((f) => fs.readFileSync(path.join(dir, f), 'utf8').split(/\n\s*\n/))
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p.length > 0);
}

/** Spreads a sample over the whole list instead of taking its first n (the seeds differ). */
function spread<T>(items: T[], n: number): T[] {
  if (items.length <= n) return items;
  const step = items.length / n;
  return Array.from({ length: n }, (_, i) => items[Math.floor(i * step)]);
}

const paragraphs = seedParagraphs();
const corpora: Record<string, string[]> = {
  // Sentences of 20-300 characters, as a sentence encoder is meant to see them.
  sentences: paragraphs
    .flatMap((p) => p.split(/(?<=[.!?。！？])\s+/))
    .filter((s) => s.length >= 20 && s.length <= 300),
  // Passage-sized texts, as ingest embeds them (a few sentences, 350-700 characters).
  passages: paragraphs.filter((p) => p.length >= 350).map((p) => p.slice(0, 700)),
};

/** USE-Lite on each backend, and wasm with one worker thread beside the main thread. */
const variants: Array<{ backend: TfBackendName; workers: number }> = [
  { backend: 'wasm', workers: 0 },
  { backend: 'wasm', workers: 1 },
  { backend: 'cpu', workers: 0 },
];

const rows: string[][] = [];
for (const { backend, workers } of variants) {
  const start = performance.now();
  const embedder = await loadUseLiteEmbedder({ backend, batchSize: BATCH_SIZE, workers });
  const loadMs = performance.now() - start;
  const rssMb = process.memoryUsage().rss / 2 ** 20;
  for (const [name, all] of Object.entries(corpora)) {
    const texts = spread(all, SAMPLE[backend]);
    const tokens = texts.reduce((n, t) => n + embedder.tokenRows(t)[0].length, 0) / texts.length;
    // Workers start on the first multi-batch call: warm up with one so they are not timed.
    const result = await measureThroughput(embedder, texts, workers > 0 ? 2 * BATCH_SIZE : 8);
    rows.push([
      `${embedder.id} ${backend}${workers > 0 ? ` +${workers} worker` : ''}`,
      name,
      String(texts.length),
      tokens.toFixed(0),
      result.seconds.toFixed(2),
      result.textsPerSecond.toFixed(1),
      result.textsPerCpuSecond.toFixed(1),
      loadMs.toFixed(0),
      rssMb.toFixed(0),
      (process.memoryUsage().rss / 2 ** 20).toFixed(0),
    ]);
  }
  await embedder.dispose();
}

const header = [
  'encoder',
  'texts',
  'n',
  'avg tokens',
  'wall s',
  'texts/s',
  'texts/CPU s',
  'load ms',
  'RSS MB after load',
  'RSS MB after run',
];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join(' | ');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
for (const r of rows) console.log(line(r));
console.log(
  `\nbatch size ${BATCH_SIZE}; 1-minute load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`,
);
