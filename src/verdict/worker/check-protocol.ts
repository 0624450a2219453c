import type { Config } from '../../config/config.js';
import type { IngestProgress } from '../../index/ingest-knowledge.js';
import type { CheckStage, CheckTrace, Checker } from '../checker-types.js';

/**
 * Messages between a check worker (check-worker.ts) and the pool that runs it
 * (src/server/pool/check-pool.ts). Everything crosses by structured clone.
 */

/** The checker's calls (everything but its fields): what a worker answers, what the gate counts. */
export type CheckCall =
  'check' | 'stance' | 'features' | 'pairFeatures' | 'search' | 'embed' | 'sourceContext';

export const CHECK_CALLS: readonly CheckCall[] = [
  'check',
  'stance',
  'features',
  'pairFeatures',
  'search',
  'embed',
  'sourceContext',
];

export type CallArgs<C extends CheckCall> = Parameters<Checker[C]>;
export type CallValue<C extends CheckCall> = Awaited<ReturnType<Checker[C]>>;

export interface CheckWorkerInit {
  config: Config;
  /** Only the first worker of a pool may build a missing index; the others wait for it. */
  build: 'if-needed' | 'never';
  /** Run one English check before `ready`, so that WordNet is loaded before the worker serves. */
  warm: boolean;
}

/** An error as it crosses threads: our coded errors keep their code. */
export interface WireError {
  code?: string;
  message: string;
}

export interface CallRequest {
  id: number;
  call: CheckCall;
  /** A check's options cross without its callbacks: progress comes back as `stage` messages. */
  args: unknown[];
}

export type WorkerReply =
  | { kind: 'ready'; indexVersion: string }
  | { kind: 'failed'; error: WireError }
  | { kind: 'progress'; progress: IngestProgress }
  | { kind: 'stage'; id: number; stage: CheckStage }
  | { kind: 'done'; id: number; value: unknown; trace?: CheckTrace }
  | { kind: 'error'; id: number; error: WireError };
