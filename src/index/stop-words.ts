/**
 * English function words dropped by the lexical index (after Lucene's and Snowball's lists).
 * Negations (no, not, nor, never, without) are kept on purpose: a claim's "not" is evidence for
 * the verdict layer, and BM25's idf already gives such frequent words little weight.
 */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all am an and any are as at be because been before being
  below between both but by can could did do does doing down during each few for from further
  had has have having he her here hers herself him himself his how i if in into is it its itself
  just me more most my myself of off on once only or other ought our ours ourselves out over own
  same she should so some such than that the their theirs them themselves then there these they
  this those through to too under until up very was we were what when where which while who whom
  why will with would you your yours yourself yourselves also may might must shall us s t ll re ve
  d m let's that's it's he's she's there's what's who's i'm you're we're they're i've you've we've
  they've i'd you'd he'd she'd we'd they'd i'll you'll he'll she'll we'll they'll`.split(/\s+/),
);

/** Chinese function words and particles that jieba emits as their own tokens. */
export const CHINESE_STOP_WORDS: ReadonlySet<string> = new Set(
  '的 了 是 在 和 与 及 或 也 都 就 而 但 被 把 对 从 将 于 之 其 这 那 这个 那个 一个 有 着 过 吗 呢 吧 啊 呀 么 让 给 等 并 还 又 则 由 以 为 所 该 此 各'.split(
    ' ',
  ),
);
