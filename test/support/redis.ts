import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** A redis-server of the test's own, on a free loopback port, with nothing kept on disk. */
export interface TestRedis {
  /** redis://127.0.0.1:<port> */
  url: string;
  port: number;
  /** Stops the server (SIGTERM, then SIGKILL) and removes its folder. */
  stop(): Promise<void>;
}

const BINARY = process.env.REDIS_SERVER_PATH ?? 'redis-server';
/** A cold redis-server starts in milliseconds; a busy test machine may take seconds. */
const START_TIMEOUT_MS = 20_000;

/** A port that was free a moment ago (the server binding it may still lose a race: retried). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Resolves once the server says it accepts connections; rejects when it exits first. */
function whenReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not start within ${START_TIMEOUT_MS} ms:\n${output}`));
    }, START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}:\n${output}`));
    });
  });
}

async function startOnce(dir: string): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort();
  // No snapshots, no append-only file: each test gets a clean, throwaway server.
  const child = spawn(
    BINARY,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'no',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  try {
    await whenReady(child);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  // Keep draining its output so that a full pipe never blocks the server.
  child.stdout?.resume();
  child.stderr?.resume();
  return { child, port };
}

/** Starts a redis-server in a temporary folder; call `stop()` after the tests. */
export async function startRedis(): Promise<TestRedis> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-redis-'));
  let started: { child: ChildProcess; port: number } | undefined;
  let lastError: unknown;
  for (let attempt = 0; attempt < 3 && !started; attempt++) {
    try {
      started = await startOnce(dir);
    } catch (err) {
      lastError = err;
    }
  }
  if (!started) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw lastError;
  }
  const { child, port } = started;
  let stopping: Promise<void> | undefined;
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      }).then(() => fs.rmSync(dir, { recursive: true, force: true }));
      return stopping;
    },
  };
}
