/** Relevance judgements: query id -> document id -> grade (> 0 is relevant). */
export type Qrels = Map<string, Map<string, number>>;

/** nDCG@k with graded gains (TREC's linear gain, as BEIR's pytrec_eval computes it). */
export function ndcgAt(
  ranked: readonly string[],
  relevant: ReadonlyMap<string, number>,
  k: number,
): number {
  let dcg = 0;
  ranked.slice(0, k).forEach((doc, i) => {
    const grade = relevant.get(doc) ?? 0;
    if (grade > 0) dcg += grade / Math.log2(i + 2);
  });
  const ideal = [...relevant.values()]
    .filter((g) => g > 0)
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((sum, g, i) => sum + g / Math.log2(i + 2), 0);
  return ideal === 0 ? 0 : dcg / ideal;
}

/** Share of the relevant documents found in the first k. */
export function recallAt(
  ranked: readonly string[],
  relevant: ReadonlyMap<string, number>,
  k: number,
): number {
  const wanted = [...relevant].filter(([, g]) => g > 0).map(([doc]) => doc);
  if (wanted.length === 0) return 0;
  const top = new Set(ranked.slice(0, k));
  return wanted.filter((doc) => top.has(doc)).length / wanted.length;
}

/** Document ids in order of their best passage (a document counts once, at its first rank). */
export function documentRanking(passageDocIds: readonly string[]): string[] {
  return [...new Set(passageDocIds)];
}

/** Parses a BEIR qrels TSV (header line, CRLF or LF). */
export function parseQrels(tsv: string): Qrels {
  const qrels: Qrels = new Map();
  for (const line of tsv.split(/\r?\n/).slice(1)) {
    const [query, doc, grade] = line.split('\t');
    if (query === undefined || doc === undefined || grade === undefined) continue;
    let judged = qrels.get(query);
    if (judged === undefined) qrels.set(query, (judged = new Map()));
    judged.set(doc, Number(grade));
  }
  return qrels;
}
