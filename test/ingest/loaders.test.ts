import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../src/errors.js';
import {
  listSources,
  loadSource,
  parseSource,
  splitPassages,
  type LoadedSource,
} from '../../src/ingest/index.js';
import { PROJECT_ROOT } from '../../src/config/config.js';

const KNOWLEDGE = path.join(PROJECT_ROOT, 'test', 'fixtures', 'ingest', 'knowledge');

/** Checks the offsets invariant for every passage and returns them. */
function passagesOf(loaded: LoadedSource) {
  const passages = splitPassages(loaded);
  for (const p of passages) expect(loaded.text.slice(p.start, p.end)).toBe(p.text);
  return passages;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return (err as AppError).code;
  }
  throw new Error('expected a refusal');
}

describe('listSources', () => {
  it('lists supported files as sorted POSIX paths, skipping hidden and unsupported files', async () => {
    expect(await listSources(KNOWLEDGE)).toEqual([
      'beir/corpus.jsonl',
      'notes/digest.txt',
      'notes/guide.md',
      'notes/page.html',
      'notes/records.jsonl',
      'notes/stories.html',
    ]);
  });

  it('narrows the list to the files and folders named, relative to the working directory', async () => {
    const relative = path.relative(process.cwd(), path.join(KNOWLEDGE, 'notes', 'guide.md'));
    expect(await listSources(KNOWLEDGE, [relative, path.join(KNOWLEDGE, 'beir')])).toEqual([
      'beir/corpus.jsonl',
      'notes/guide.md',
    ]);
  });

  it('refuses paths outside the knowledge folder, missing paths and unsupported files', async () => {
    expect(await codeOf(listSources(KNOWLEDGE, [path.join(KNOWLEDGE, '..')]))).toBe(
      'PATH_OUTSIDE_KNOWLEDGE',
    );
    expect(await codeOf(listSources(KNOWLEDGE, ['/etc/hostname']))).toBe('PATH_OUTSIDE_KNOWLEDGE');
    expect(await codeOf(listSources(KNOWLEDGE, [path.join(KNOWLEDGE, 'nope.txt')]))).toBe(
      'SOURCE_NOT_FOUND',
    );
    expect(await codeOf(listSources(KNOWLEDGE, [path.join(KNOWLEDGE, 'notes', 'skip.csv')]))).toBe(
      'SOURCE_UNSUPPORTED',
    );
  });
});

describe('loadSource', () => {
  it('decodes the file exactly as fs does and hashes the text', async () => {
    const loaded = await loadSource(KNOWLEDGE, 'notes/digest.txt');
    expect(loaded.text).toBe(readFileSync(path.join(KNOWLEDGE, 'notes', 'digest.txt'), 'utf8'));
    const bytes = readFileSync(path.join(KNOWLEDGE, 'notes', 'digest.txt'));
    expect(loaded.hash).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(loaded.kind).toBe('text');
  });

  it('finds the articles of a plain text digest by their titles', async () => {
    const loaded = await loadSource(KNOWLEDGE, 'notes/digest.txt');
    expect(loaded.articles.map((a) => a.title)).toEqual([
      'City council approves the new library budget',
      'Harbour ferry adds a night service',
    ]);
    const passages = passagesOf(loaded);
    expect(passages.find((p) => p.text.includes('1 a.m.'))?.title).toBe(
      'Harbour ferry adds a night service',
    );
  });

  it('splits Markdown into articles by top-level heading and sections by sub-heading', async () => {
    const loaded = await loadSource(KNOWLEDGE, 'notes/guide.md');
    expect(loaded.kind).toBe('markdown');
    expect(loaded.articles.map((a) => a.title)).toEqual([
      'Tap water in Riverton is safe to drink',
      'Bus fares stay at 2.50 in 2024',
    ]);
    const passages = passagesOf(loaded);
    const pipes = passages.find((p) => p.text.includes('old pipes'));
    expect(pipes?.section).toBe('What the tests found');
    expect(pipes?.title).toBe('Tap water in Riverton is safe to drink');
    const links = passages.find((p) => p.text.includes('full report'));
    expect(links?.section).toBe('Links and emphasis');
    expect(links?.text).toContain('[full report](https://example.org/report.pdf)');
    expect(links?.plainText).toContain(
      'Read the full report or see a chart of fares for all the numbers behind',
    );
    expect(links?.plainText).not.toMatch(/https:|\*\*|`|^- /m);
  });

  it('reads HTML with offsets into the raw markup and tag-free plain text', async () => {
    const loaded = await loadSource(KNOWLEDGE, 'notes/page.html');
    expect(loaded.articles).toHaveLength(1);
    expect(loaded.articles[0]?.title).toBe('Bridge repairs finish early & under budget');
    const passages = passagesOf(loaded);
    const all = passages.map((p) => p.plainText ?? p.text).join('\n');
    expect(all).toContain('25 years — "if the salt is kept off it".');
    expect(all).toContain('two weeks ahead of plan. The works cost 1.2 million');
    expect(all).not.toMatch(/<|script|color: red|editor's comment/);
    expect(passages.some((p) => p.text.includes('</p>'))).toBe(true);
    const tricky = parseSource(
      't.html',
      'html',
      '<p><a title="a > b" href=\'x>y\'>Quoted</a> attributes stay <![CDATA[x]]>out.</p>',
    );
    expect(tricky[0]?.plain?.text.trim()).toBe('Quoted attributes stay out.');
  });

  it('gives each <article> of an HTML page its own article, titled by its heading', async () => {
    const loaded = await loadSource(KNOWLEDGE, 'notes/stories.html');
    expect(loaded.articles.map((a) => a.title)).toEqual([
      'School meals go organic',
      'Night market returns',
    ]);
    const passages = passagesOf(loaded);
    expect(passages.map((p) => p.title)).toEqual([
      'School meals go organic',
      'Night market returns',
    ]);
    expect(passages[1]?.plainText).toBe(
      'Night market returns\nThe night market on Quay Street reopens on 1 June with 64 stalls, up from 40 last year. It will run every Friday until October.',
    );
    const readable = passages.map((p) => p.plainText).join(' ');
    expect(readable).not.toMatch(/Home|Sport|rights reserved/);
  });

  it('reads JSON Lines records with offsets at the raw text string and decoded plain text', async () => {
    const loaded = await loadSource(KNOWLEDGE, 'notes/records.jsonl');
    expect(loaded.kind).toBe('jsonl');
    expect(loaded.articles.map((a) => [a.docId, a.title])).toEqual([
      ['w-1', 'Wind farm output'],
      ['w-2', 'Café rules'],
      ['3', 'Numbers as ids'],
    ]);
    expect(loaded.articles[0]).toMatchObject({
      url: 'https://example.org/wind',
      date: '2024-01-05',
    });
    const passages = passagesOf(loaded);
    const escaped = passages.find((p) => p.docId === 'w-2');
    expect(escaped?.text).toContain('\\u00e9');
    expect(escaped?.plainText).toBe(
      'The council said: "Cafés may open until 23:00."\nThe rule starts in June. 😀 Owners welcomed it.',
    );
    const plain = passages.find((p) => p.docId === 'w-1');
    expect(plain?.plainText).toBeUndefined();
    expect(plain?.text).toBe(
      'The Northcape wind farm produced 412 GWh in 2023. That is 9% more than in 2022.',
    );
  });

  it('reads a BEIR corpus with the record ids as document ids', async () => {
    const loaded = await loadSource(KNOWLEDGE, 'beir/corpus.jsonl');
    expect(loaded.kind).toBe('beir');
    expect(loaded.articles.map((a) => [a.docId, a.title])).toEqual([
      ['101', 'Vitamin D and bone density'],
      ['102', '102'],
    ]);
    expect(passagesOf(loaded).map((p) => p.docId)).toEqual(['101', '102']);
  });

  it('keeps article ids stable when another article is added before them', () => {
    const text =
      'Harbour ferry adds a night service\n\n  Ferries run until 1 a.m. from next month, says the operator. Tickets keep their price of 3.20 and the first boat leaves at 6 a.m.\n';
    const before = parseSource('a.txt', 'text', text);
    const after = parseSource(
      'a.txt',
      'text',
      `Library opens\n\n  The library opened today after a year of building works by the city. ${'It has a reading room, a cafe and a garden. '.repeat(3)}\n\n\n${text}`,
    );
    expect(after.map((a) => a.docId)).toContain(before[0]?.docId);
    for (const a of after) expect(a.docId).toMatch(/^[a-z0-9-]{1,64}$/);
    // Chinese titles, which a slug cannot spell, still get distinct ids.
    const zh = (title: string) =>
      `${title}\n\n\u3000\u3000${'今年前三季度湖北地区生产总值增长了百分之十八点七。'.repeat(12)}\n\n\n`;
    const ids = parseSource(
      'zh.txt',
      'text',
      zh('31省份经济数据出炉') + zh('31省份消费数据出炉'),
    ).map((a) => a.docId);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
    expect(ids[1]).not.toMatch(/-2$/);
  });
});

describe('loadSource refusals', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ingest-bad-'));
    await mkdir(path.join(dir, 'kb', 'folder.txt'), { recursive: true });
    await writeFile(
      path.join(dir, 'kb', 'binary.txt'),
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff]),
    );
    await writeFile(
      path.join(dir, 'kb', 'latin1.txt'),
      Buffer.from('caf\xe9 cr\xe8me\n', 'latin1'),
    );
    await writeFile(
      path.join(dir, 'kb', 'bad.jsonl'),
      '{"id":"a","text":"fine"}\n{"id":"b","text": oops}\n',
    );
    await writeFile(path.join(dir, 'kb', 'shape.jsonl'), '{"id":"a","body":"no text field"}\n');
    await writeFile(path.join(dir, 'kb', 'big.txt'), 'x'.repeat(2048));
    await writeFile(
      path.join(dir, 'kb', 'bom.txt'),
      '\ufeffTitle line\n\n  A first sentence here. A second one.\n',
    );
    await writeFile(path.join(dir, 'outside.txt'), 'not in the knowledge folder\n');
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const kb = () => path.join(dir, 'kb');

  it('refuses binary files, invalid UTF-8 and oversized files with coded errors', async () => {
    expect(await codeOf(loadSource(kb(), 'binary.txt'))).toBe('SOURCE_BINARY');
    expect(await codeOf(loadSource(kb(), 'latin1.txt'))).toBe('SOURCE_INVALID_UTF8');
    expect(await codeOf(loadSource(kb(), 'big.txt', { maxBytes: 1024 }))).toBe('SOURCE_TOO_LARGE');
  });

  it('names the line of a malformed JSON record', async () => {
    await expect(loadSource(kb(), 'bad.jsonl')).rejects.toMatchObject({
      code: 'SOURCE_MALFORMED',
      message: expect.stringContaining('line 2'),
      details: { line: 2 },
    });
    await expect(loadSource(kb(), 'shape.jsonl')).rejects.toMatchObject({
      code: 'SOURCE_MALFORMED',
      details: { line: 1 },
    });
  });

  it('refuses sources outside the folder, missing ones and unsupported kinds', async () => {
    expect(await codeOf(loadSource(kb(), '../outside.txt'))).toBe('PATH_OUTSIDE_KNOWLEDGE');
    expect(await codeOf(loadSource(kb(), 'missing.txt'))).toBe('SOURCE_NOT_FOUND');
    expect(await codeOf(loadSource(kb(), 'notes.pdf'))).toBe('SOURCE_UNSUPPORTED');
    expect(await codeOf(loadSource(kb(), 'folder.txt'))).toBe('SOURCE_NOT_FOUND');
  });

  it('keeps a byte order mark so offsets match what fs reads', async () => {
    const loaded = await loadSource(kb(), 'bom.txt');
    expect(loaded.text.charCodeAt(0)).toBe(0xfeff);
    const bytes = readFileSync(path.join(kb(), 'bom.txt'));
    expect(loaded.hash).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(loaded.articles[0]?.title).toBe('Title line');
    expect(passagesOf(loaded).map((p) => p.text)).toEqual([
      'Title line\n\n  A first sentence here. A second one.',
    ]);
  });
});
