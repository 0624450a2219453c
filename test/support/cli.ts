import { jest } from '@jest/globals';
import { run } from '../../src/cli/main.js';

/** Runs the `factcheck` command in-process and captures what it writes to stdout. */
export async function cli(...args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const write = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk: string | Uint8Array) => {
      out += chunk.toString();
      return true;
    });
  try {
    return { code: await run(args), out };
  } finally {
    write.mockRestore();
  }
}
