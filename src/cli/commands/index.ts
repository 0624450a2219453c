import type { Command } from 'commander';
import { registerCheck } from './check.js';
import { registerEval } from './eval.js';
import { registerEvalRetrieval } from './eval-retrieval.js';
import { registerBots } from './bots.js';
import { registerIngest } from './ingest.js';
import { registerKeys } from './keys.js';
import { registerModerators } from './moderators.js';
import { registerSearch } from './search.js';
import { registerServe } from './serve.js';
import { registerStance } from './stance.js';
import { registerTrain } from './train.js';

/** Each sub-command registers itself on the program; add one line per command file. */
export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [
  registerKeys,
  registerCheck,
  registerEval,
  registerModerators,
  registerBots,
  registerIngest,
  registerSearch,
  registerStance,
  registerTrain,
  registerEvalRetrieval,
  registerServe,
];
