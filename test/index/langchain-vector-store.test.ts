import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Document } from '@langchain/core/documents';
import { loadConfig } from '../../src/config/config.js';
import type { Embedder } from '../../src/embed/embedder.js';
import { createEmbedder } from '../../src/embed/index.js';
import { openKnowledgeIndex, type KnowledgeIndex } from '../../src/index/knowledge-index.js';
import { KnowledgeVectorStore } from '../../src/index/langchain-vector-store.js';
import { createLogger } from '../../src/logger.js';

let embedder: Embedder;
let index: KnowledgeIndex;
let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'factcheck-langchain-'));
  await mkdir(path.join(root, 'knowledge'));
  await writeFile(
    path.join(root, 'knowledge', 'coffee.txt'),
    'Coffee and cancer\n\nRoasted coffee contains acrylamide, but a cup holds far less than the tolerable daily intake.\n',
  );
  await writeFile(
    path.join(root, 'knowledge', 'dance.txt'),
    'Latin dance\n\nLatin dance lessons do not trigger precocious puberty in children, doctors say.\n',
  );
  const cfg = loadConfig(
    {},
    { KNOWLEDGE_DIR: path.join(root, 'knowledge'), DATA_DIR: path.join(root, 'data') },
  );
  embedder = await createEmbedder(cfg, createLogger('silent'));
  index = await openKnowledgeIndex(cfg, createLogger('silent'), { embedder });
});

afterAll(async () => {
  await embedder.dispose();
  await rm(root, { recursive: true, force: true });
});

describe('KnowledgeVectorStore (LangChain)', () => {
  it('retrieves indexed passages with their citation metadata through asRetriever().invoke', async () => {
    const retriever = KnowledgeVectorStore.fromKnowledgeIndex(index).asRetriever(1);
    const [doc] = await retriever.invoke('Is there acrylamide in coffee?');
    expect(doc?.metadata).toMatchObject({ source: 'coffee.txt', title: 'Coffee and cancer' });
    const text = await index.sourceText('coffee.txt');
    expect(text.slice(doc?.metadata.start, doc?.metadata.end)).toBe(doc?.pageContent);
  });

  it('searches documents added through LangChain beside the index', async () => {
    const store = KnowledgeVectorStore.fromKnowledgeIndex(index);
    const ids = await store.addDocuments([
      new Document({
        pageContent: 'The Great Wall of China is not visible from the Moon with the naked eye.',
        metadata: { source: 'added' },
      }),
    ]);
    expect(ids).toHaveLength(1);
    const [[doc, score]] = (await store.similaritySearchWithScore(
      'Can you see the Great Wall from the Moon?',
      1,
    )) as [[Document, number]];
    expect(doc.metadata.source).toBe('added');
    expect(score).toBeGreaterThan(0);
    const filtered = await store.similaritySearch(
      'Great Wall from the Moon',
      1,
      (d) => d.metadata.source !== 'added',
    );
    expect(filtered[0]?.metadata.source).not.toBe('added');
  });

  it('accepts raw vectors through addVectors', async () => {
    const store = KnowledgeVectorStore.fromKnowledgeIndex(index);
    const vector = Array.from(await embedder.embedQuery('volcanic eruption in Iceland'));
    await store.addVectors([vector], [new Document({ pageContent: 'volcano', metadata: {} })]);
    const [[doc, score]] = (await store.similaritySearchVectorWithScore(vector, 1)) as [
      [Document, number],
    ];
    expect(doc.pageContent).toBe('volcano');
    expect(score).toBeCloseTo(1, 4);
  });
});
