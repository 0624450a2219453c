/**
 * Words that say who put a fact in writing, not the fact: the document ("the article", "a
 * commentary") and neutral verbs of saying ("notes", "argued"). Texts rarely name themselves, and
 * a claim that says "wrote" for the text's "said" says the same; they count little in coverage.
 * Inflected forms only where the stem has another sense ("stated", not "state").
 */
export const ATTRIBUTION_WORDS = new Set([
  'article', 'articles', 'essay', 'commentary', 'editorial', 'author', 'columnist', 'commentator',
  'notes', 'noted', 'argue', 'argues', 'argued', 'write', 'writes', 'wrote', 'written', 'warn',
  'warns', 'warned', 'stated', 'told', 'tells', 'explains', 'explained', 'stressed', 'emphasised',
  'emphasized', 'emphasises', 'emphasizes', 'remarked', 'mentioned', 'commented', 'declared',
  'described', 'insisted', 'reported', 'reports', 'announced', 'announces', 'revealed',
  'disclosed',
]); // prettier-ignore
/** The same in Chinese: 文章 "article", 报道 "report", 撰文 "wrote", 强调 "stressed". */
export const ZH_ATTRIBUTION_WORDS = new Set(
  '文章 报道 评论 社论 作者 撰文 写道 强调 提到 谈到 直言 声称'.split(' '),
);
/** Their share of a term's weight. */
export const ATTRIBUTION_SCALE = 0.25;
