import { spawn, type ChildProcess } from 'node:child_process';
import { PROJECT_ROOT } from '../../src/config/config.js';

/** `factcheck serve` in a child process of its own, as an operator runs it. */
export interface ServeProcess {
  url: string;
  proc: ChildProcess;
  /** SIGKILL: nothing is flushed, nothing closes cleanly. Resolves once it has exited. */
  kill9(): Promise<void>;
}

/** Starts `factcheck serve --port 0` with `env`; resolves once it says it serves and is ready. */
export async function serveProcess(env: NodeJS.ProcessEnv): Promise<ServeProcess> {
  const proc = spawn(process.execPath, ['bin/factcheck.js', 'serve', '--port', '0'], {
    cwd: PROJECT_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    proc.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /Serving on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!.replace('0.0.0.0', '127.0.0.1'));
    });
    proc.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
  // Ready once the index is loaded: the server says so on /readyz.
  const until = Date.now() + 120_000;
  while ((await fetch(`${url}/readyz`)).status !== 200) {
    if (Date.now() > until) throw new Error('the server never became ready');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    proc,
    kill9: () =>
      proc.exitCode !== null || proc.signalCode !== null
        ? Promise.resolve()
        : new Promise((resolve) => {
            proc.once('exit', () => resolve());
            proc.kill('SIGKILL');
          }),
  };
}
