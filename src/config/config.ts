import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { AppError } from '../errors.js';

/** The project root: two levels above this file in both src/ and dist/. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const num = (def: number) => z.coerce.number().default(def);

/**
 * Every setting, read from the environment once. Each layer owns a section; add new settings
 * to your section with a default and a one-line comment. Nothing else reads process.env.
 */
const schema = z.object({
  // --- paths ---
  /** Folder of the trusted document collection. */
  KNOWLEDGE_DIR: z.string().default('knowledge'),
  /** Where indexes, the SQLite file and other state live. */
  DATA_DIR: z.string().default('data'),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),

  // --- embed ---
  /** auto: the transformers.js model when loadable, else the bundled offline encoder. */
  EMBEDDER: z.enum(['auto', 'transformers', 'use-lite']).default('auto'),
  /** Hugging Face model id for the transformers.js provider. */
  HF_MODEL: z.string().default('Xenova/all-MiniLM-L6-v2'),
  /** Local folder holding models in the transformers.js layout (<id>/config.json, onnx/...). */
  MODELS_DIR: z.string().default('models'),
  /** Whether transformers.js may download from the Hub; off by default (offline first). */
  ALLOW_REMOTE_MODELS: bool.default(false),
  EMBED_BATCH_SIZE: num(32),

  // --- index / retrieve ---

  // --- verdict ---

  // --- server ---
  PORT: num(3000),
  HOST: z.string().default('0.0.0.0'),
  MAX_CLAIM_LENGTH: num(2000),
});

export type Config = Omit<z.infer<typeof schema>, 'KNOWLEDGE_DIR' | 'DATA_DIR' | 'MODELS_DIR'> & {
  /** Absolute paths, resolved against the working directory. */
  KNOWLEDGE_DIR: string;
  DATA_DIR: string;
  MODELS_DIR: string;
};

/** Parses and validates settings; throws CONFIG_INVALID naming every bad variable. */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<Config> = {},
): Config {
  const known = Object.fromEntries(
    Object.keys(schema.shape)
      .filter((key) => env[key] !== undefined && env[key] !== '')
      .map((key) => [key, env[key]]),
  );
  const parsed = schema.safeParse(known);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new AppError('CONFIG_INVALID', `Invalid settings: ${problems.join('; ')}`);
  }
  const cfg = parsed.data;
  // Paths given in the environment are relative to the working directory; defaults to the project.
  const resolve = (key: 'KNOWLEDGE_DIR' | 'DATA_DIR' | 'MODELS_DIR') =>
    known[key] === undefined ? path.join(PROJECT_ROOT, cfg[key]) : path.resolve(cfg[key]);
  return {
    ...cfg,
    KNOWLEDGE_DIR: resolve('KNOWLEDGE_DIR'),
    DATA_DIR: resolve('DATA_DIR'),
    MODELS_DIR: resolve('MODELS_DIR'),
    ...overrides,
  };
}
