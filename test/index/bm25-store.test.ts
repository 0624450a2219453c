import { AppError } from '../../src/errors.js';
import { Bm25Store } from '../../src/index/bm25-store.js';
import { tokenize } from '../../src/index/tokenize.js';

const docs = [
  'Coffee contains acrylamide, a probable carcinogen.',
  'Strawberries are not the dirtiest fruit.',
  'Latin dance does not cause precocious puberty in children.',
  'Coffee shops opened across the city in April.',
];

function store(): Bm25Store {
  const s = new Bm25Store({ k1: 1.2, b: 0.75 });
  docs.forEach((text, id) => s.add(id, tokenize(text)));
  return s;
}

describe('Bm25Store', () => {
  it('ranks the passage sharing the rarest query terms first', () => {
    const hits = store().search(tokenize('does coffee cause cancer? acrylamide'), 10);
    expect(hits[0]?.id).toBe(0);
    expect(hits.map((h) => h.id)).toEqual(expect.arrayContaining([0, 3]));
    expect(hits.map((h) => h.id)).not.toContain(1);
  });

  it('gives rarer terms a higher idf', () => {
    const s = store();
    expect(s.idf('acrylamid')).toBeGreaterThan(s.idf('coffe'));
    expect(s.idf('unknown')).toBe(0);
  });

  it('forgets a removed row and can take it back', () => {
    const s = store();
    s.remove(0);
    expect(s.search(tokenize('acrylamide'), 5)).toEqual([]);
    expect(s.size).toBe(3);
    s.add(0, tokenize(docs[0] as string));
    expect(s.search(tokenize('acrylamide'), 5)[0]?.id).toBe(0);
  });

  it('weights expansion terms below the query words', () => {
    const s = store();
    const full = s.search(['coffe', { term: 'puberti', weight: 1 }], 4);
    const light = s.search(['coffe', { term: 'puberti', weight: 0.1 }], 4);
    expect(full[0]?.id).toBe(2);
    expect(light[0]?.id).not.toBe(2);
  });

  it('scores given rows exactly as search does', () => {
    const s = store();
    const query = tokenize('coffee acrylamide city');
    const hits = s.search(query, 4);
    expect(
      s.scores(
        query,
        hits.map((h) => h.id),
      ),
    ).toEqual(hits.map((h) => h.score));
    expect(s.scores(query, [1])).toEqual([0]);
  });

  it('survives a JSON round trip with identical scores', () => {
    const s = store();
    const copy = Bm25Store.fromJSON(JSON.parse(JSON.stringify(s.toJSON())));
    const q = tokenize('coffee puberty');
    expect(copy.search(q, 4)).toEqual(s.search(q, 4));
  });

  it('renumbers rows on remap and drops unmapped ones', () => {
    const s = store();
    const moved = s.remap(new Map([[3, 0]]));
    expect(moved.size).toBe(1);
    expect(moved.search(tokenize('coffee'), 4)).toEqual([{ id: 0, score: expect.any(Number) }]);
  });

  it('refuses malformed JSON with INDEX_CORRUPT', () => {
    for (const bad of [null, 42, { k1: 1 }, { k1: 1, b: 1, docs: [[1, ['a'], []]] }]) {
      expect(() => Bm25Store.fromJSON(bad)).toThrow(AppError);
      try {
        Bm25Store.fromJSON(bad);
      } catch (err) {
        expect((err as AppError).code).toBe('INDEX_CORRUPT');
      }
    }
  });
});
