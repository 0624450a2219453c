import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';

/** TF.js backends that run in plain Node: WebAssembly (XNNPACK, SIMD) or pure JavaScript. */
export type TfBackendName = 'wasm' | 'cpu';

const require = createRequire(import.meta.url);

/** The folder holding the .wasm binaries that ship inside @tensorflow/tfjs-backend-wasm. */
function wasmBinariesDir(): string {
  const pkg = require.resolve('@tensorflow/tfjs-backend-wasm/package.json');
  return path.join(path.dirname(pkg), 'dist') + path.sep;
}

async function registerBackend(name: TfBackendName): Promise<void> {
  if (name === 'cpu') {
    await import('@tensorflow/tfjs-backend-cpu');
    return;
  }
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  // The binary path can only be set before the backend first initialises.
  if (!tf.findBackend('wasm')) wasm.setWasmPaths(wasmBinariesDir());
}

const PROCESS_EVENTS = ['uncaughtException', 'unhandledRejection'] as const;

/**
 * Runs `init`, then removes the process-wide error listeners it added: the wasm backend's
 * Emscripten runtime installs handlers that rethrow every uncaught error with a screenful of its
 * minified source, and would override whatever handlers the application sets itself.
 */
async function withoutAddedProcessHandlers(init: () => Promise<void>): Promise<void> {
  type Listener = (...args: unknown[]) => void;
  const listeners = (event: string) => process.listeners(event as 'exit') as Listener[];
  const before = new Map(PROCESS_EVENTS.map((e) => [e, new Set(listeners(e))]));
  try {
    await init();
  } finally {
    for (const event of PROCESS_EVENTS) {
      for (const listener of listeners(event)) {
        if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
      }
    }
  }
}

/**
 * Makes `name` the active TF.js backend (TF.js keeps one global engine per thread). The wasm
 * backend runs single-threaded in Node: TF.js turns its threaded build off there
 * (tensorflow/tfjs#3830); use-lite-pool.ts runs more threads instead.
 */
export async function activateTfBackend(name: TfBackendName): Promise<void> {
  // PROD skips per-op debug checks and the "install tfjs-node" console banner.
  tf.env().set('PROD', true);
  await withoutAddedProcessHandlers(async () => {
    await registerBackend(name);
    if (tf.getBackend() === name) return;
    const isActive = await tf.setBackend(name);
    if (!isActive) throw new Error(`TF.js backend "${name}" failed to initialise`);
    await tf.ready();
  });
}
