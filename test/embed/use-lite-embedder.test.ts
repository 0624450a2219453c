import { loadUseLiteEmbedder, type UseLiteEmbedder } from '../../src/embed/use-lite-embedder.js';
import { dot } from '../../src/embed/vectors.js';

describe('USE-Lite embedder (real model, wasm backend)', () => {
  let embedder: UseLiteEmbedder;
  const errorListeners = () =>
    process.listenerCount('uncaughtException') + process.listenerCount('unhandledRejection');
  let listenersBeforeLoad = 0;

  beforeAll(async () => {
    listenersBeforeLoad = errorListeners();
    embedder = await loadUseLiteEmbedder({ backend: 'wasm', batchSize: 4 });
  });
  afterAll(async () => {
    await embedder.dispose();
  });

  it('names the model package, its version and the vector size in its id', () => {
    expect(embedder.id).toMatch(/^use-lite@\d+\.\d+\.\d+:512$/);
    expect(embedder.dimensions).toBe(512);
  });

  it('leaves the process error handlers as they were (the wasm runtime adds rethrowing ones)', () => {
    expect(errorListeners()).toBe(listenersBeforeLoad);
  });

  it('scores a paraphrase closer than an unrelated sentence', async () => {
    const [claim, paraphrase, unrelated] = await embedder.embedDocuments([
      'coffee causes cancer',
      'drinking coffee gives you cancer',
      'Hubei GDP grew 18.7%',
    ]);
    expect(dot(claim, paraphrase)).toBeGreaterThan(0.6);
    expect(dot(claim, paraphrase)).toBeGreaterThan(dot(claim, unrelated) + 0.3);
    expect(dot(paraphrase, unrelated)).toBeLessThan(0.4);
  });

  it('finds the passage that answers a question among others', async () => {
    const passages = [
      'Acrylamide forms when coffee beans are roasted, but the amount in a cup is far too low to harm people.',
      'The province reported industrial output growth in the third quarter despite the epidemic.',
      'Vanke transferred shares to the Shenzhen Metro Group for 29.2 billion yuan.',
    ];
    const vectors = await embedder.embedDocuments(passages);
    const query = await embedder.embedQuery('Does Starbucks coffee cause cancer?');
    const scores = vectors.map((v) => dot(query, v));
    expect(scores.indexOf(Math.max(...scores))).toBe(0);
  });

  it('returns unit-length 512-d vectors in input order, batched or one by one', async () => {
    const texts = [
      'A short one.',
      'A much longer sentence that has many more tokens than the others in this batch, so the batch is padded.',
      'Medium length sentence about rice prices.',
      'Rumors spread quickly in group chats.',
      'Fifth text, in the second batch.',
    ];
    const batched = await embedder.embedDocuments(texts);
    expect(batched).toHaveLength(texts.length);
    for (const [i, text] of texts.entries()) {
      const single = await embedder.embedQuery(text);
      expect(single).toHaveLength(512);
      expect(dot(single, single)).toBeCloseTo(1, 5);
      expect(dot(single, batched[i])).toBeGreaterThan(0.9999);
    }
  });

  it('embeds empty and whitespace-only texts without failing', async () => {
    const vectors = await embedder.embedDocuments(['', '   \n\t', 'coffee']);
    expect(vectors).toHaveLength(3);
    for (const v of vectors) expect(dot(v, v)).toBeCloseTo(1, 5);
  });

  it('clips very long texts to the 128 tokens the model reads', async () => {
    const long = 'coffee and tea and milk '.repeat(10_000);
    const rows = embedder.tokenRows(long);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveLength(128);
    const [v] = await embedder.embedDocuments([long]);
    expect(dot(v, v)).toBeCloseTo(1, 5);
  });

  it('in windows mode, embeds a long text as the mean of its 128-token windows', async () => {
    const windowed = await loadUseLiteEmbedder({
      backend: 'wasm',
      batchSize: 4,
      longText: 'windows',
    });
    try {
      expect(windowed.id).toMatch(/:512:windows$/);
      const head =
        'Roasting coffee beans forms acrylamide, a chemical that caused cancer in rats. ';
      const tail = 'Rice prices in Hubei rose by a tenth after the floods of the summer. ';
      const long = head.repeat(8) + tail.repeat(8);
      const rows = windowed.tokenRows(long);
      expect(rows.length).toBeGreaterThan(1);
      for (const row of rows) expect(row.length).toBeLessThanOrEqual(128);
      const [whole] = await windowed.embedDocuments([long]);
      const [clipped] = await embedder.embedDocuments([long]);
      const [rice] = await embedder.embedDocuments(['Rice prices in Hubei rose after the floods.']);
      // The clipped vector never saw the rice sentences; the windowed one did.
      expect(dot(whole, rice)).toBeGreaterThan(dot(clipped, rice) + 0.05);
      expect(dot(whole, whole)).toBeCloseTo(1, 5);
      // A short text is one window: the same vector in both modes.
      const [shortWindowed] = await windowed.embedDocuments(['coffee causes cancer']);
      const [shortClipped] = await embedder.embedDocuments(['coffee causes cancer']);
      expect(dot(shortWindowed, shortClipped)).toBeGreaterThan(0.9999);
    } finally {
      await windowed.dispose();
    }
  });

  it('gives the same vectors when worker threads share a large call', async () => {
    const failures: unknown[] = [];
    const parallel = await loadUseLiteEmbedder({
      backend: 'wasm',
      batchSize: 2,
      workers: 1,
      onWorkersFailed: (err) => failures.push(err),
    });
    try {
      const texts = Array.from(
        { length: 9 },
        (_, i) => `claim number ${i} about ${'rice '.repeat(i)}`,
      );
      const [withWorkers, alone] = [
        await parallel.embedDocuments(texts),
        await embedder.embedDocuments(texts),
      ];
      expect(failures).toEqual([]);
      for (const [i, v] of withWorkers.entries()) expect(dot(v, alone[i])).toBeGreaterThan(0.9999);
    } finally {
      await parallel.dispose();
    }
  });
});
