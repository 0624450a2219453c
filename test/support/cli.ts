import { jest } from '@jest/globals';
import { run } from '../../src/cli/main.js';

/** Runs `work` while collecting what it writes to `stream` (which then shows nothing). */
export async function captured<T>(
  stream: NodeJS.WriteStream,
  work: () => Promise<T>,
): Promise<{ value: T; text: string }> {
  let text = '';
  const write = jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
    text += chunk.toString();
    return true;
  });
  try {
    const value = await work();
    return { value, text };
  } finally {
    write.mockRestore();
  }
}

/** Runs the `factcheck` command in-process and captures what it writes to stdout. */
export async function cli(...args: string[]): Promise<{ code: number; out: string }> {
  const { value, text } = await captured(process.stdout, () => run(args));
  return { code: value, out: text };
}

/**
 * Sets environment variables for the test file (the in-process CLI reads its settings from the
 * environment, as the real one does) and puts the old values back after it. Call it before
 * the file's other beforeAll hooks: they run in order.
 */
export function useEnv(env: Record<string, string>): void {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  beforeAll(() => {
    Object.assign(process.env, env);
  });
  afterAll(() => {
    for (const [key, value] of Object.entries(saved))
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
  });
}
