import type { Embedder } from './embedder.js';

export interface Throughput {
  texts: number;
  /** Wall-clock seconds for one embedDocuments call over all texts. */
  seconds: number;
  /** CPU seconds the whole process (all threads) spent meanwhile. */
  cpuSeconds: number;
  textsPerSecond: number;
  /**
   * Texts per CPU second: steadier than the wall-clock rate on a machine shared with other
   * work, so comparisons between backends hold when the load changes.
   */
  textsPerCpuSecond: number;
}

/**
 * Raw batch throughput of `embedder` on `texts` (one embedDocuments call), after a warm-up
 * call on the first `warmup` texts so one-time costs (kernel set-up) do not count.
 */
export async function measureThroughput(
  embedder: Embedder,
  texts: string[],
  warmup = 8,
): Promise<Throughput> {
  if (texts.length === 0) throw new Error('measureThroughput needs at least one text');
  await embedder.embedDocuments(texts.slice(0, warmup));
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  await embedder.embedDocuments(texts);
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return {
    texts: texts.length,
    seconds,
    cpuSeconds,
    textsPerSecond: texts.length / seconds,
    textsPerCpuSecond: texts.length / cpuSeconds,
  };
}
