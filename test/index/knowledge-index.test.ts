import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config/config.js';
import type { Embedder } from '../../src/embed/embedder.js';
import { createEmbedder } from '../../src/embed/index.js';
import { ingestOptions, loadSource, splitPassages } from '../../src/ingest/index.js';
import { ingestKnowledge } from '../../src/index/ingest-knowledge.js';
import { openKnowledgeIndex, type KnowledgeIndex } from '../../src/index/knowledge-index.js';
import { createLogger } from '../../src/logger.js';
import { createHybridRetriever, retrieverSettings } from '../../src/retrieve/hybrid-retriever.js';

// A small corpus keeps every re-embedding cheap; each document is about one distinct topic.
const DOCS: Record<string, string> = {
  'health/coffee.md':
    '# Coffee and cancer\n\nCoffee contains acrylamide, which forms when beans are roasted. The amount in a cup is far below the tolerable daily intake, so drinking coffee does not cause cancer.\n',
  'health/strawberries.txt':
    'Are strawberries the dirtiest fruit?\n\nPesticide residues on strawberries sold in China were within national limits in every sample tested by the inspection agency.\n',
  'economy/hubei.txt':
    'Hubei economy grows\n\nThe gross domestic product of Hubei province grew 12.9 percent in 2021, the fastest rate among central provinces.\n',
};

const logger = createLogger('silent');
let embedder: Embedder;
let root: string;
let cfg: Config;

const knowledge = () => cfg.KNOWLEDGE_DIR;
const write = async (rel: string, text: string) => {
  await mkdir(path.dirname(path.join(knowledge(), rel)), { recursive: true });
  await writeFile(path.join(knowledge(), rel), text);
};
const passageCount = async (rel: string) =>
  splitPassages(await loadSource(knowledge(), rel), ingestOptions(cfg).passages).length;
const open = () => openKnowledgeIndex(cfg, logger, { embedder, build: 'never' });
async function topSources(index: KnowledgeIndex, query: string, k = 3): Promise<string[]> {
  const hits = await createHybridRetriever(index, retrieverSettings(cfg)).search(query, k);
  return hits.map((h) => h.source);
}
const currentDir = async () =>
  path.join(
    cfg.DATA_DIR,
    'index',
    (await readFile(path.join(cfg.DATA_DIR, 'index', 'CURRENT'), 'utf8')).trim(),
  );

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'factcheck-index-'));
  cfg = loadConfig(
    {},
    { KNOWLEDGE_DIR: path.join(root, 'knowledge'), DATA_DIR: path.join(root, 'data') },
  );
  embedder = await createEmbedder(cfg, logger);
  for (const [rel, text] of Object.entries(DOCS)) await write(rel, text);
  await ingestKnowledge(cfg, logger, { embedder });
});

afterAll(async () => {
  await embedder.dispose();
  await rm(root, { recursive: true, force: true });
});

describe('knowledge index', () => {
  it('indexes every passage with exact offsets into the stored source text', async () => {
    const index = await open();
    const live = index.passages.filter((p) => p !== null);
    expect(live).toHaveLength(index.size);
    expect(live.length).toBeGreaterThanOrEqual(3);
    for (const p of live)
      expect((await index.sourceText(p.source)).slice(p.start, p.end)).toBe(p.text);
  });

  it('finds each document by its topic through BM25, vectors and the hybrid', async () => {
    const index = await open();
    const [lexical] = index.bm25Search('acrylamide roasted beans', 1);
    expect(index.passages[lexical!.id]?.source).toBe('health/coffee.md');
    const [dense] = index.vectorSearch(await embedder.embedQuery('pesticide residue on fruit'), 1);
    expect(index.passages[dense!.id]?.source).toBe('health/strawberries.txt');
    expect((await topSources(index, 'How fast did Hubei GDP grow?', 1))[0]).toBe(
      'economy/hubei.txt',
    );
  });

  it('lets expansion terms (a translation) find what the query words alone cannot', async () => {
    const index = await open();
    const retriever = createHybridRetriever(index, retrieverSettings(cfg));
    expect(index.bm25Search('咖啡致癌吗', 5)).toEqual([]);
    const [hit] = await retriever.search('咖啡致癌吗', 1, {
      expansions: ['coffee cancer acrylamide'],
    });
    expect(hit?.source).toBe('health/coffee.md');
    expect(hit?.signals.bm25).toBeGreaterThan(0);
    expect(hit?.signals.dense).toEqual(expect.any(Number));
  });

  it('does nothing when nothing changed', async () => {
    const report = await ingestKnowledge(cfg, logger, { embedder });
    expect(report).toMatchObject({
      added: 0,
      updated: 0,
      removed: 0,
      unchanged: 3,
      embedded: 0,
      rebuilt: false,
    });
  });

  it('adds, updates and deletes one document, embedding only that document', async () => {
    await write(
      'science/moon.txt',
      'The Moon landing\n\nApollo 11 landed on the Moon in July 1969 with Neil Armstrong.\n',
    );
    const added = await ingestKnowledge(cfg, logger, { embedder });
    expect(added).toMatchObject({ added: 1, updated: 0, removed: 0, unchanged: 3, rebuilt: false });
    expect(added.embedded).toBe(await passageCount('science/moon.txt'));
    expect(await topSources(await open(), 'Apollo 11 Armstrong Moon landing', 1)).toEqual([
      'science/moon.txt',
    ]);

    await write(
      'science/moon.txt',
      'Mars rovers\n\nThe Perseverance rover landed in Jezero crater on Mars in February 2021.\n',
    );
    const updated = await ingestKnowledge(cfg, logger, { embedder });
    expect(updated).toMatchObject({ added: 0, updated: 1, removed: 0, unchanged: 3 });
    expect(updated.embedded).toBe(await passageCount('science/moon.txt'));
    const index = await open();
    expect(index.bm25Search('Apollo Armstrong', 5)).toEqual([]);
    expect(await topSources(index, 'Perseverance rover Jezero crater', 1)).toEqual([
      'science/moon.txt',
    ]);
    const source = await index.sourceText('science/moon.txt');
    expect(source).toContain('Perseverance');

    await rm(path.join(knowledge(), 'science/moon.txt'));
    const removed = await ingestKnowledge(cfg, logger, { embedder });
    expect(removed).toMatchObject({ added: 0, updated: 0, removed: 1, unchanged: 3, embedded: 0 });
    const after = await open();
    expect(after.bm25Search('Perseverance rover Jezero', 5)).toEqual([]);
    expect(await topSources(after, 'Perseverance rover on Mars', 5)).not.toContain(
      'science/moon.txt',
    );
    await expect(after.sourceText('science/moon.txt')).rejects.toMatchObject({
      code: 'SOURCE_NOT_FOUND',
    });
  });

  it('updates only the paths it is given', async () => {
    await write('health/coffee.md', `${DOCS['health/coffee.md']}\nTea contains caffeine too.\n`);
    await write('economy/hubei.txt', `${DOCS['economy/hubei.txt']}\nWuhan led the growth.\n`);
    const report = await ingestKnowledge(cfg, logger, {
      embedder,
      paths: [path.join(knowledge(), 'health')],
    });
    expect(report.changes.updated).toEqual(['health/coffee.md']);
    expect(report.removed).toBe(0);
    const all = await ingestKnowledge(cfg, logger, { embedder });
    expect(all.changes.updated).toEqual(['economy/hubei.txt']);
  });

  it('compacts the vector index once deleted entries pile up, keeping search intact', async () => {
    const small = { ...cfg, INDEX_COMPACT_FRACTION: 0.01 };
    await write('health/coffee.md', DOCS['health/coffee.md'] as string);
    await ingestKnowledge(small, logger, { embedder });
    const index = await openKnowledgeIndex(small, logger, { embedder, build: 'never' });
    expect(index.manifest.deletedRows).toEqual([]);
    expect(index.passages.every((p) => p !== null)).toBe(true);
    expect(await topSources(index, 'acrylamide in roasted coffee', 1)).toEqual([
      'health/coffee.md',
    ]);
  });

  it('keeps the previous index loadable when an ingest dies half way', async () => {
    const before = await open();
    await write(
      'health/vaccines.txt',
      'Vaccines\n\nVaccines do not cause autism; large studies found no link.\n',
    );
    const failing: Embedder = {
      id: embedder.id,
      dimensions: embedder.dimensions,
      embedQuery: (t) => embedder.embedQuery(t),
      embedDocuments: () => Promise.reject(new Error('killed during embedding')),
      dispose: () => Promise.resolve(),
    };
    await expect(ingestKnowledge(cfg, logger, { embedder: failing })).rejects.toThrow('killed');
    // Leftovers of a crash during the write itself: a partial generation and a pointer temp file.
    await mkdir(path.join(cfg.DATA_DIR, 'index', 'gen-zz-0badf00d'));
    await writeFile(
      path.join(cfg.DATA_DIR, 'index', 'gen-zz-0badf00d', 'manifest.json'),
      '{"formatVer',
    );
    await writeFile(path.join(cfg.DATA_DIR, 'index', 'CURRENT.0badf00d.tmp'), 'gen-zz');
    const after = await open();
    expect(after.version).toBe(before.version);
    expect(after.bm25Search('autism', 3)).toEqual([]);
    const report = await ingestKnowledge(cfg, logger, { embedder });
    expect(report.changes.added).toEqual(['health/vaccines.txt']);
    const entries = await readdir(path.join(cfg.DATA_DIR, 'index'));
    expect(entries).not.toContain('gen-zz-0badf00d');
    expect(entries.filter((e) => e.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a damaged index with INDEX_CORRUPT, and rebuilds it when building is allowed', async () => {
    const dir = await currentDir();
    const vectors = path.join(dir, 'vectors.hnsw');
    const original = await readFile(vectors);
    await writeFile(vectors, original.subarray(0, original.length >> 1));
    await expect(open()).rejects.toMatchObject({ code: 'INDEX_CORRUPT' });
    const healed = await openKnowledgeIndex(cfg, logger, { embedder, build: 'if-needed' });
    expect(healed.size).toBeGreaterThan(0);
    await writeFile(path.join(await currentDir(), 'manifest.json'), 'not json at all');
    await expect(open()).rejects.toMatchObject({ code: 'INDEX_CORRUPT' });
    const report = await ingestKnowledge(cfg, logger, { embedder });
    expect(report.rebuilt).toBe(true);
    expect((await open()).size).toBe(report.passages);
  });

  it('rebuilds everything when the embedder changes', async () => {
    const other: Embedder = {
      id: `${embedder.id}+other`,
      dimensions: embedder.dimensions,
      embedQuery: (t) => embedder.embedQuery(t),
      embedDocuments: (t) => embedder.embedDocuments(t),
      dispose: () => Promise.resolve(),
    };
    await expect(
      openKnowledgeIndex(cfg, logger, { embedder: other, build: 'never' }),
    ).rejects.toMatchObject({
      code: 'INDEX_NOT_READY',
    });
    const index = await openKnowledgeIndex(cfg, logger, { embedder: other });
    expect(index.manifest.build.embedderId).toBe(other.id);
    expect(index.size).toBeGreaterThan(0);
    const report = await ingestKnowledge(cfg, logger, { embedder });
    expect(report.rebuilt).toBe(true);
    expect(report.embedded).toBe(report.passages);
  });
});
