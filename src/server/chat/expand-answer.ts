import type { CheckResult, Citation, ScoredPassage, Stance, Verdict } from '../../types.js';
import type { FollowUpKind } from '../events.js';
import { quotedSpan } from '../quoted-span.js';

type Lang = 'en' | 'zh';

const VERDICT: Record<Lang, Record<Verdict, string>> = {
  en: { SUPPORTED: 'supported', REFUTED: 'refuted', NOT_ENOUGH_INFO: 'not settled' },
  zh: { SUPPORTED: '属实', REFUTED: '不实', NOT_ENOUGH_INFO: '证据不足' },
};
const STANCE: Record<Lang, Record<Stance, string>> = {
  en: { supports: 'supports the claim', refutes: 'contradicts the claim', neutral: 'is related' },
  zh: { supports: '支持该说法', refutes: '与该说法矛盾', neutral: '相关' },
};
const TEXT = {
  en: {
    why: (v: string, pct: number) =>
      `Why I judged this claim ${v} (confidence ${pct}%): the verdict rests on these passages.`,
    whyNone:
      'No passage in the collection addresses this claim closely enough, so it cannot be settled either way.',
    sources: 'The sources behind this answer:',
    sourcesNone: 'This answer cites no sources: nothing in the collection settles the claim.',
    more: 'More passages on this topic from the collection:',
    moreNone: 'I have nothing more on this claim than what I already showed.',
  },
  zh: {
    why: (v: string, pct: number) => `我判断该说法${v}（置信度 ${pct}%），依据是以下段落。`,
    whyNone: '资料库中没有足够相关的段落，无法判断该说法的真假。',
    sources: '这个回答的来源：',
    sourcesNone: '这个回答没有引用来源：资料库中没有能判断该说法的内容。',
    more: '资料库中关于这个话题的更多段落：',
    moreNone: '除了已经展示的内容，我没有更多关于该说法的资料。',
  },
};

const QUOTE_CHARS = 280;
const clip = (s: string): string => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > QUOTE_CHARS ? `${flat.slice(0, QUOTE_CHARS - 1)}…` : flat;
};

/** Extra passages a "more" follow-up may show: search hits not already cited. */
export function uncitedPassages(
  citations: readonly Citation[],
  hits: readonly ScoredPassage[],
  limit: number,
): ScoredPassage[] {
  const overlaps = (p: ScoredPassage) =>
    citations.some((c) => c.docId === p.docId && c.start < p.end && p.start < c.end);
  return hits.filter((p) => !overlaps(p)).slice(0, limit);
}

/**
 * The previous answer expanded for a follow-up, as a new check result: "why" walks through the
 * cited passages and their stance, "sources" lists where they come from, "more" adds passages
 * that were found but not cited. The verdict never changes.
 */
export function expandAnswer(
  kind: FollowUpKind,
  previous: CheckResult,
  lang: Lang,
  extra: readonly ScoredPassage[] = [],
): CheckResult {
  const t = TEXT[lang];
  const cited = previous.citations;
  let lines: string[];
  let citations = cited;
  if (kind === 'why') {
    const pct = Math.round(previous.confidence * 100);
    lines = cited.length
      ? [
          t.why(VERDICT[lang][previous.verdict], pct),
          ...cited.map((c) => `[${c.n}] ${c.title} ${STANCE[lang][c.stance]}: “${clip(c.quote)}”`),
        ]
      : [t.whyNone];
  } else if (kind === 'sources') {
    lines = cited.length
      ? [t.sources, ...cited.map((c) => `[${c.n}] ${c.title} (${c.source})`)]
      : [t.sourcesNone];
  } else {
    const first = cited.reduce((max, c) => Math.max(max, c.n), 0) + 1;
    const added: Citation[] = extra.map((p, i) => ({
      n: first + i,
      ...quotedSpan(p),
      stance: 'neutral',
    }));
    citations = [...cited, ...added];
    lines = added.length
      ? [t.more, ...added.map((c) => `[${c.n}] ${c.title}: “${clip(c.quote)}”`)]
      : [t.moreNone];
  }
  return { ...previous, answer: lines.join('\n'), citations };
}
