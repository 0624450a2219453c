import { SentencePieceTokenizer, UNKNOWN_ID } from '../../src/embed/sentencepiece-tokenizer.js';
import { locateUseLite, readVocabulary } from '../../src/embed/use-lite-files.js';

const RESERVED: Array<[string, number]> = [
  ['<unk>', 0],
  ['<s>', 0],
  ['</s>', 0],
  ['x1', 0],
  ['x2', 0],
  ['x3', 0],
];

describe('SentencePiece tokenizer', () => {
  it('picks the segmentation with the highest total log probability', () => {
    // "▁ab" alone (-5) loses to "▁a" + "b" (-1 + -1).
    const vocab: Array<[string, number]> = [
      ...RESERVED,
      ['▁a', -1],
      ['b', -1],
      ['▁ab', -5],
      ['▁', -3],
      ['a', -4],
    ];
    const tokenizer = new SentencePieceTokenizer(vocab);
    expect(tokenizer.encode('ab')).toEqual([6, 7]);
    vocab[8] = ['▁ab', -1.5];
    expect(new SentencePieceTokenizer(vocab).encode('ab')).toEqual([8]);
  });

  it('marks word starts with ▁ and collapses whitespace runs', () => {
    const vocab: Array<[string, number]> = [...RESERVED, ['▁a', -1], ['▁b', -1]];
    const tokenizer = new SentencePieceTokenizer(vocab);
    expect(tokenizer.encode('  a \n\t b ')).toEqual([6, 7]);
    expect(tokenizer.encode(' \n ')).toEqual([]);
  });

  it('maps unknown symbols to one unknown token per run', () => {
    const vocab: Array<[string, number]> = [...RESERVED, ['▁a', -1], ['▁', -2], ['b', -1]];
    const tokenizer = new SentencePieceTokenizer(vocab);
    expect(tokenizer.encode('a 湖北b')).toEqual([6, 7, UNKNOWN_ID, 8]);
  });

  it('segments English with the real USE-Lite vocabulary', async () => {
    const vocab = await readVocabulary((await locateUseLite()).dir);
    const tokenizer = new SentencePieceTokenizer(vocab);
    const pieces = tokenizer.encode('Drinking coffee gives you cancer!').map((id) => vocab[id][0]);
    expect(pieces).toEqual(['▁D', 'rink', 'ing', '▁coffee', '▁gives', '▁you', '▁cancer', '!']);
    // NFKC folds full-width forms to ASCII before lookup.
    expect(tokenizer.encode('ｃｏｆｆｅｅ')).toEqual(tokenizer.encode('coffee'));
  });
});
