import { AdmissionQueue } from '../../src/server/pool/admission-queue.js';

/** Work that finishes when the test says so, recording the order in which items started. */
function heldWork() {
  const started: string[] = [];
  const releases = new Map<string, () => void>();
  return {
    started,
    item: (name: string) => () =>
      new Promise<string>((resolve) => {
        started.push(name);
        releases.set(name, () => resolve(name));
      }),
    finish(name: string) {
      releases.get(name)!();
    },
  };
}

/** Lets the promise callbacks of finished items run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the admission queue', () => {
  it('gives each client a turn in round robin, so a flood from one client does not starve another', async () => {
    const queue = new AdmissionQueue({ concurrency: () => 1, maxWaitMs: 60_000 });
    const work = heldWork();
    const done = [
      ...['a1', 'a2', 'a3', 'a4', 'a5'].map((n) => queue.run('flooder', work.item(n))),
      queue.run('other', work.item('b1')),
      queue.run('third', work.item('c1')),
    ];
    for (const name of ['a1', 'a2', 'b1', 'c1', 'a3', 'a4', 'a5']) {
      await settle();
      expect(work.started.at(-1)).toBe(name);
      work.finish(name);
    }
    // Nothing admitted is dropped.
    expect(await Promise.all(done)).toHaveLength(7);
    expect(work.started).toEqual(['a1', 'a2', 'b1', 'c1', 'a3', 'a4', 'a5']);
  });

  it('runs as many items at once as its concurrency says', async () => {
    const queue = new AdmissionQueue({ concurrency: () => 2, maxWaitMs: 60_000 });
    const work = heldWork();
    const done = ['x', 'y', 'z'].map((n) => queue.run(n, work.item(n)));
    expect(work.started).toEqual(['x', 'y']);
    expect(queue.active).toBe(2);
    expect(queue.length).toBe(1);
    work.finish('x');
    await settle();
    expect(work.started).toEqual(['x', 'y', 'z']);
    work.finish('y');
    work.finish('z');
    await Promise.all(done);
    expect(queue.active).toBe(0);
  });

  it('expects no wait while a slot is free, then a wait that grows with the queue ahead', () => {
    const queue = new AdmissionQueue({
      concurrency: () => 1,
      maxWaitMs: 60_000,
      initialServiceMs: 100,
    });
    const work = heldWork();
    expect(queue.expectedWaitMs('a')).toBe(0);
    void queue.run('a', work.item('a1'));
    expect(queue.expectedWaitMs('a')).toBe(100);
    void queue.run('a', work.item('a2'));
    void queue.run('a', work.item('a3'));
    // Client a's next item waits behind its own two; client b's waits behind one of a's.
    expect(queue.expectedWaitMs('a')).toBe(300);
    expect(queue.expectedWaitMs('b')).toBe(200);
  });

  it('refuses with BUSY and a retry time when the expected wait passes the limit', () => {
    const queue = new AdmissionQueue({
      concurrency: () => 1,
      maxWaitMs: 250,
      initialServiceMs: 100,
    });
    const work = heldWork();
    for (const name of ['a1', 'a2', 'a3']) {
      queue.admit('a');
      void queue.run('a', work.item(name));
    }
    let refusal: unknown;
    try {
      queue.admit('a');
    } catch (err) {
      refusal = err;
    }
    expect(refusal).toMatchObject({ code: 'BUSY', status: 503, details: { retryAfterS: 1 } });
    // Another client still gets in: its item waits behind one of a's two waiting, not both.
    expect(() => queue.admit('b')).not.toThrow();
  });
});
