// The comparison of a claim's figures with the text's (periods, matches, ranges, durations, relations, gaps), read top to bottom; the arithmetic is in derive.ts, two-figure relations in figures.ts.
import { otherSide } from './counterpart.js';
import { derive, levelBeforePoints, type Derivation, type Ops } from './derive.js';
import {
  alignment,
  meetsComputed,
  comparable,
  comparableMagnitude,
  isFall,
  isRise,
  nearBound,
  oppositeBounds,
  oneMeasure,
  precise,
  valueSatisfies,
} from './figures.js';
import { stemWord } from '../text/terms.js';
import { formatFigure, isAmount, wholeMonth, type Quantity } from './quantity.js';

export type NumberStatus = 'match' | 'derived' | 'conflict' | 'missing';

/** What the evidence says about one number of the claim. */
export interface NumberOutcome {
  claim: Quantity;
  status: NumberStatus;
  /** The evidence number that matched or contradicts it. */
  evidence?: Quantity;
  /** The arithmetic that derived the claim's number from the evidence, e.g. "61 − 41 = 20". */
  computation?: string;
  /** Missing, while the text gives a figure about the same thing for another year or day. */
  elsewhen?: Quantity;
}

const fmt = formatFigure;

const DAY_MS = 86_400_000;
const dayOfYear = (monthDay: number): number =>
  Date.UTC(2001, Math.floor(monthDay / 100) - 1, monthDay % 100) / DAY_MS;

/** Words of places in an order a claim moves by ("up three places", "two spots"). */
const PLACES = new Set(['place', 'spot', 'posit', 'rung']);

/**
 * Places a claim says something moved by ("climbed three places") against a rank the text gives
 * with the one it changed from ("third, up from eighth"): their gap settles it, either way.
 */
function placesMoved(q: Quantity, evidence: readonly Quantity[]): NumberOutcome | undefined {
  if (!PLACES.has(q.after[0] ?? '')) return undefined;
  const rank = evidence.find((e) => e.kind === 'rank' && e.changedFrom !== undefined);
  if (!rank) return undefined;
  const gap = Math.abs(rank.changedFrom! - rank.value);
  return {
    claim: q,
    status: gap === q.value ? 'derived' : 'conflict',
    evidence: rank,
    computation: `${fmt(rank.changedFrom!)} − ${fmt(rank.value)} = ${fmt(gap)} places`,
  };
}

/**
 * A span the claim states between two points in time the text gives: days between two dates,
 * years between two years. Settled or not by those points only, never by other counts.
 */
function durationOutcome(
  q: Quantity,
  unit: string,
  evidence: Quantity[],
): NumberOutcome | undefined {
  const byYear = /^years?$/i.test(unit);
  // Days between months alone are not known.
  const points = evidence.filter(
    (e) => e.kind === (byYear ? 'year' : 'date') && (byYear || !wholeMonth(e.value)),
  );
  if (points.length < 2) return undefined;
  const per = /^weeks?$/i.test(unit) ? 7 : /^months?$/i.test(unit) ? 30.44 : 1;
  for (const a of points) {
    for (const b of points) {
      if (a === b || a.value <= b.value) continue;
      const span = byYear ? a.value - b.value : (dayOfYear(a.value) - dayOfYear(b.value)) / per;
      // Whole days: "77 days" is 77 whatever the hour.
      if (Math.abs(span - q.value) <= 0.5 || valueSatisfies(q, span))
        return {
          claim: q,
          status: 'derived',
          evidence: a,
          computation: `${a.raw} − ${b.raw} = ${fmt(Math.round(span * 10) / 10)} ${unit}`,
        };
    }
  }
  return { claim: q, status: 'missing' };
}

/**
 * "Zero X" is said in words ("no newly imported cases"): a negated noun phrase about the same
 * thing settles it; a count elsewhere is usually a cumulative figure, so it never contradicts.
 */
function zeroOutcome(q: Quantity, evidence: Quantity[]): NumberOutcome {
  const zero = evidence.find((e) => e.value === 0 && alignment(q, e) > 0);
  return zero ? { claim: q, status: 'match', evidence: zero } : { claim: q, status: 'missing' };
}

const significantDigits = (v: number): number =>
  String(Math.round(Math.abs(v) * 1000)).replace(/0+$/, '').length;

/** A ratio of 10, 100, ... or their inverses (not 1). */
const powerOfTen = (ratio: number): boolean => {
  const k = Math.log10(ratio);
  return Math.abs(k - Math.round(k)) < 1e-9 && Math.round(k) !== 0 && Math.abs(k) <= 4;
};

/** Words with which a claim invites arithmetic: a total invites sums, a change or gap differences. */
const SUM_CUE =
  /\b(add(s|ed)?\s+up|total(led|s)?|combined|in\s+all|altogether|plus|together|both)\b|\+|合计|共计|总共|加上/i;
const DIFFERENCE_CUE =
  /\b(rose|rise[sn]?|increased?|grew|grow[sn]?|fell|fall|fallen|drop(ped)?|declined?|short|difference|gap|gain(ed)?|add(?:ed|s)?|lost|cut|reduced|up\s+from|down\s+from|more|less|fewer|higher|lower|faster|slower|points?|ahead|behind|larger|bigger|smaller|greater|above|below|exceed(s|ed)?|missed|surpass(ed|es)?|remain(s|ed|ing)?|outstanding|(?:left|yet|still)\s+to|(?:up|down)\s+by|went\s+(?:up|down)|raise[ds]?|lessen(?:ed|s)?|climb(?:ed|s)?|jump(?:ed|s)?|slid|shr[au]nk)\b|剩|尚未|增加|减少|增长|下降|相差|多|少|高|低|快|慢/i;
/**
 * A bound on one figure ("more than 2,000", "below 80%", 2000多): it says how far the figure
 * goes, it compares it with nothing, so it invites no gap.
 */
const BOUND_WORDS =
  /\b(?:(?:more|less|fewer)\s+than|above|below)(?=\s+(?:about\s+)?[£$€¥]?\s*\d)|(?<=\d)\s*(?:多|余)/gi;
/** Words with which a claim states a fall: a percentage change read downwards ("20% below"). */
const DECREASE_CUE =
  /\b(fell|fall(en|s)?|drop(ped|s)?|declin(e|ed|es)|down|below|less|lower|cut|slashed|reduced|shr[au]nk|lost|decreased?)\b|减少|下降|降低|下滑|缩减/i;
/** Words with which a claim states a ratio, a share or an amount per unit. */
const RATIO_CUE =
  /\b(times|fold|double[ds]?|tripled?|quadrupled?|half|halved|third|quarter|fifth|tenth|twice|thrice|each|per|average[sd]?|apiece|for\s+every|an?\s+(?:day|week|month|year))\b|倍|翻|一半|分之|人均|平均|每/i;
/** "77 days after", "six days before": a span between two dates of the text ("year-on-year" is none). */
const DURATION_AFTER = /^\s*(days?|weeks?|months?|years?)\b(?!-on-)/i;
const CHANGE_CUE = /%|percent|per\s+cent|成/i;
/** Words placing a claim's figure before the text's time ("last year", "previously", 原来). */
const EARLIER_CUE =
  /\b(?:last\s+year|(?:the\s+)?(?:year|month|quarter)\s+(?:before|earlier)|a\s+year\s+(?:ago|earlier)|previous(?:ly)?|prior|before|earlier|formerly|originally|original|used\s+to)\b|去年|上年|此前|以前|原来|原先/i;
/** What a whole is worth ("valued at", "a valuation of"): worked out from a stake and its price. */
const WORTH_CUE = /\b(?:valu(?:e[sd]?|ation)|worth)\b/i;
/** Words for the upper and the lower end of a range: a claim saying both relates the two ends. */
const UPPER_END = /\b(?:upper\s+(?:limit|bound|end)|maximum|ceiling|highest)\b|上限|最高/i;
const LOWER_END = /\b(?:lower\s+(?:limit|bound|end)|minimum|floor|lowest)\b|下限|最低/i;
/**
 * A figure said as a gap: "300 more clues than", "10 seconds faster", "2,000 yuan cheaper". It is
 * the difference of two figures, not a figure of its own. "More" and "less" need their "than"
 * ("20,000 more under construction" adds, "300 or more" and "less than 500" bound).
 */
const GAP_AFTER =
  /^\s*(?:(?!or\b)[a-z]+\s+)?(?:(faster|slower|longer|shorter|earlier|later|cheaper)|more|less|fewer|higher|lower|bigger|smaller|larger)\b(?!\s+than\s+\d)/i;
/**
 * A Chinese comparison rendered word by word puts the gap after "than" and the change
 * (比去年同期增加3.2亿元, "than last year corresponding time period raise 320000000").
 */
const GAP_RENDERED =
  /\bthan\b[^,;.]{0,60}?\b(?:raise|grow|increase|add|lessen|reduce|decline|drop|fall|few|many)\b(?:\s+go\s+out)?(?:\s+(?:about|nearly|over))?\s*$/i;
const isGap = (before: string, after: string): boolean => {
  if (GAP_RENDERED.test(before)) return true;
  const m = GAP_AFTER.exec(after);
  return (
    m !== null && (m[1] !== undefined || /^[^,;.]{0,60}\bthan\b/i.test(after.slice(m[0].length)))
  );
};

/** Stems right after a text's figure that make it a gap ("18 fewer"). */
const GAP_WORD_AFTER = new Set(['more', 'fewer', 'less', 'higher', 'lower']);
/** The text says the figure as a change or a gap itself ("down by 18", "18 fewer than"). */
const saidAsChange = (e: Quantity): boolean =>
  e.change === true || GAP_WORD_AFTER.has(e.after[0] ?? '');

/** Words right before a fraction that make it a rise or a fall ("grew by a third", "cut by half"). */
const BY_HEDGE = String.raw`(?:\s+by)?(?:\s+(?:about|nearly|almost|roughly|around|over|some|more\s+than))?\s*$`;
const RISE_BY = new RegExp(
  String.raw`\b(?:rise|rose|risen|grow|grew|grown|increase[ds]?|jump(?:ed|s)?|climb(?:ed|s)?|surge[ds]?|soar(?:ed|s)?|(?:go|goes|went|gone)\s+up)` +
    BY_HEDGE,
  'i',
);
const FALL_BY = new RegExp(
  String.raw`\b(?:fall|falls|fell|fallen|drop(?:ped|s)?|decline[ds]?|decrease[ds]?|cuts?|reduce[ds]?|shr[aiu]nk|shrinks|slash(?:ed|es)?|collapse[ds]?|plunge[ds]?|plummet(?:ed|s)?|(?:go|goes|went|gone)\s+down)` +
    BY_HEDGE,
  'i',
);

/**
 * A share said of an earlier level: "halved", "half of the 2020 level", "a third of what it was".
 */
const OF_BEFORE =
  /^(?:halv(?:ed|ing)\b|[^,;.]{0,20}?\bof\s+(?:the\s+|its\s+|their\s+)?(?:(?:19|20)\d\d\s+)?(?:level|figure|amount|total)\b|[^,;.]{0,20}?\bof\s+what\s+(?:it|they)\s+(?:was|were)\b)/i;

/** Of the text's figures, the first that shares a word with the claim's, or the only one. */
const aboutOrOnly = (q: Quantity, figures: Quantity[]): Quantity | undefined =>
  figures.find((e) => alignment(q, e) > 0) ?? (figures.length === 1 ? figures[0] : undefined);

/**
 * A share or multiple ("half of", "ten times") is settled by the text's own relation words or by
 * two of its figures; when two figures about the same thing give another relation, it conflicts
 * (and the computation shows which).
 */
function relationOutcome(
  q: Quantity,
  evidence: Quantity[],
  ops: Ops,
  claimText: string,
): NumberOutcome {
  // Relations the text states about the same thing, as shares (a multiple m is a share of
  // m × 100%): "double that of B" against "less than 1/2 of that of B" is one relation of the same
  // two things, said as a multiple on one side and a share on the other.
  const asShare = (x: Quantity) => (x.relation === 'multiple' ? x.value * 100 : x.value);
  const related = evidence
    .filter((e) => e.relation !== undefined && alignment(q, e) > 0)
    .sort((a, b) => alignment(q, b) - alignment(q, a));
  const inShares = { ...q, value: asShare(q) };
  const stated = related.find(
    (e) => valueSatisfies(inShares, asShare(e), true) && !oppositeBounds(q, e),
  );
  if (stated) return { claim: q, status: 'match', evidence: stated };
  if (related[0]) return { claim: q, status: 'conflict', evidence: related[0] };
  // "three-quarters of the orders" against "accounting for 55%": a share the text states as a
  // percentage; of the shares about the claim's thing, one it meets ("80% ... and B holds 20%").
  const shares =
    q.relation === 'share'
      ? evidence
          .filter((e) => e.kind === 'percent' && !e.relation && e.role !== 'change')
          .map((e) => ({ e, a: alignment(q, e) }))
          .filter((s) => s.a > 0)
      : [];
  const topShare = Math.max(0, ...shares.map((s) => s.a));
  const share = (
    shares.find((s) => s.a >= topShare - 1 && valueSatisfies(q, s.e.value, true)) ??
    shares.find((s) => s.a === topShare)
  )?.e;
  if (share)
    return {
      claim: q,
      status: valueSatisfies(q, share.value, true) ? 'match' : 'conflict',
      evidence: share,
    };
  // "doubled" against "increased by 15%": a rise is a multiple of 1 + p/100.
  const rise =
    q.relation === 'multiple' &&
    evidence.find((e) => e.kind === 'percent' && isRise(e) && alignment(q, e) > 0);
  if (rise) {
    const times = 1 + rise.value / 100;
    return valueSatisfies(q, times, true)
      ? { claim: q, status: 'match', evidence: rise }
      : {
          claim: q,
          status: 'conflict',
          evidence: rise,
          computation: `1 + ${fmt(rise.value)}% = ${fmt(times)} times`,
        };
  }
  // "Fell by about a third", "collapsed by half": a change said as a fraction, against the
  // text's change (one the other way round denies it).
  const said = claimText.slice(Math.max(0, q.start - 40), q.start);
  const way = q.relation === 'share' ? (RISE_BY.test(said) ? 1 : FALL_BY.test(said) ? -1 : 0) : 0;
  const changes = way
    ? evidence.filter((e) => e.kind === 'percent' && (isRise(e) || isFall(e)))
    : [];
  const change = aboutOrOnly(q, changes);
  if (change) {
    const sameWay = way > 0 ? !isFall(change) : isFall(change);
    return {
      claim: q,
      status: sameWay && valueSatisfies(q, change.value, true) ? 'match' : 'conflict',
      evidence: change,
    };
  }
  // "Halved", "about half of the 2020 level" against "will fall by 35%": what is left is 65% of
  // what there was. The fall is the one most about the claim's thing, or the text's only one (a
  // year before the share leaves it no words of its own: "in 2030 is to be about half").
  const falls =
    q.relation === 'share' && OF_BEFORE.test(claimText.slice(q.start))
      ? evidence.filter((e) => e.kind === 'percent' && isFall(e) && e.value < 100)
      : [];
  const fall = aboutOrOnly(q, falls);
  if (fall) {
    const left = 100 - fall.value;
    return {
      claim: q,
      status: valueSatisfies(q, left, true) ? 'match' : 'conflict',
      evidence: fall,
      computation: `100% − ${fmt(fall.value)}% = ${fmt(left)}%`,
    };
  }
  // A change said as a fraction is a percentage change of the text's two levels ("grew by a
  // fifth" against 60 and 50 units).
  const asChange: Quantity = way ? { ...q, relation: undefined, role: 'change' } : q;
  const { match, nearest } = derive(asChange, evidence, {
    ...ops,
    ratio: true,
    change: true,
    invited: true,
    decrease: ops.decrease || way < 0,
  });
  if (match) return computed(q, 'derived', match);
  if (nearest) return computed(q, 'conflict', nearest);
  return { claim: q, status: 'missing' };
}

/** An outcome shown with the computation that gives it. */
const computed = (
  q: Quantity,
  status: 'derived' | 'conflict',
  by: { e: Quantity; computation: string },
): NumberOutcome => ({ claim: q, status, evidence: by.e, computation: by.computation });

/**
 * What arithmetic settles by itself: a computation that gives the claim's figure, or one among
 * figures the claim states, or between a change's two levels the text gives, that gives another
 * ("96 households in 4 buildings ... 32 per building": the claim's own figures say 24).
 */
function settledBy(q: Quantity, d: Derivation): NumberOutcome | undefined {
  if (d.match) return computed(q, 'derived', d.match);
  if (d.nearest?.stated || d.nearest?.told) return computed(q, 'conflict', d.nearest);
  return undefined;
}

/**
 * A gap ("46 seconds faster") is the difference of the two figures most about the claim's thing:
 * it settles the claim or contradicts it (with the computation); the text's own figure of that
 * value is not it ("face payment takes 10 seconds" is no "10 seconds faster"), unless the text
 * says it as a change or a gap too.
 */
function gapOutcome(q: Quantity, evidence: Quantity[]): NumberOutcome {
  const pool = evidence.filter((e) => !e.relation && e.kind === q.kind && comparable(q, e));
  // The text may state the gap itself ("52 boats, down 18 on a year earlier").
  const stated = pool.find((e) => e.value === q.value && saidAsChange(e));
  if (stated) return { claim: q, status: 'match', evidence: stated };
  // Or state another gap about the same thing ("120 hours more than Linggang" against the claim's
  // 200 more): that gap, not one worked out of two levels, contradicts it.
  const gaps = pool
    .filter(saidAsChange)
    .map((e) => ({ e, a: alignment(q, e) }))
    .filter((g) => g.a > 0)
    .sort((x, y) => y.a - x.a);
  if (gaps[0] && gaps[0].a > (gaps[1]?.a ?? 0))
    return { claim: q, status: 'conflict', evidence: gaps[0].e };
  // Every pair a gap may be between, scored by how much their words are the claim figure's.
  const pairs = pool.flatMap((a) =>
    pool
      .filter((b) => a.value > b.value && oneMeasure(a, b) && comparableMagnitude(a.value, b.value))
      .map((b) => ({ a, b, score: alignment(q, a) + alignment(q, b) })),
  );
  // The first of the best scored.
  let best = pairs.reduce<(typeof pairs)[number] | undefined>(
    (top, p) => (!top || p.score > top.score ? p : top),
    undefined,
  );
  // Two figures alone are the two the gap is between; among more, words must tell which, or
  // the gap itself: a pair that gives the claim's gap is seldom there by chance (two that both
  // give it leave the gap settled, whichever is meant).
  if (best && best.score === 0 && pool.length > 2) {
    const hits = pairs.filter((p) => meetsComputed(q, p.a.value - p.b.value));
    best = q.value >= 10 ? hits[0] : undefined;
  }
  if (!best) return { claim: q, status: 'missing' };
  const gap = best.a.value - best.b.value;
  const computation = `${fmt(best.a.value)} − ${fmt(best.b.value)} = ${fmt(Math.round(gap * 100) / 100)}`;
  return computed(q, meetsComputed(q, gap) ? 'derived' : 'conflict', {
    e: best.a,
    computation,
  });
}

/**
 * Figures of one text that are compared, in order: the arithmetic tries pairs of the text's
 * figures for each of the claim's, so a pasted table of a thousand numbers would hold a check for
 * seconds. Sentences of the seed documents state at most 18, written claims at most 7.
 */
export const MAX_FIGURES = 40;

/** Alignment from which a different value about the same thing contradicts the claim. */
const CONFLICT_ALIGNMENT = 2;

/**
 * Compares each number of the claim with the numbers of the evidence. A number matches when the
 * evidence number best aligned with it (same words around it) has its value; it conflicts when
 * that number has another value; it is derived when the claim invites arithmetic and a sum or
 * difference of two aligned numbers gives it. Versions and labels ("V2.0", "COVID-19") are names.
 * When the claim names a year or day, the text's figures of other years and days are set aside.
 */
export function compareQuantities(
  claimFigures: readonly Quantity[],
  evidenceFigures: readonly Quantity[],
  claimText = '',
): NumberOutcome[] {
  const claim = claimFigures.slice(0, MAX_FIGURES);
  const evidence = evidenceFigures.slice(0, MAX_FIGURES);
  const years = new Set(claim.filter((q) => q.kind === 'year').map((q) => q.value));
  const otherTime = otherTimeThan(claim, years);
  const inTime = evidence.filter((e) => !otherTime(e));
  const outOfTime = evidence.filter(otherTime);
  const wholes = wholesOf(claim, claimText, shareOfWhole);
  // Another year's level that an in-time figure changed from ("72 km at the end of 2022 to 110 km
  // at the end of 2023") is what a change in the claim's year is worked out from, nothing else.
  const earlier = outOfTime.filter((e) =>
    inTime.some((x) => x.kind === e.kind && x.changedFrom === e.value),
  );
  const first = compareInTime(claim, inTime, claimText, years, wholes, new Set(), earlier);
  const stated = new Set(
    first.flatMap((o) => (o.status === 'match' && o.evidence ? [o.evidence] : [])),
  );
  // A figure left unsettled, or set against a single figure, is better read by the computation
  // its own figures give: relations among the figures the claim states are tried once those are
  // known, and only when some figure is left so.
  const open = (o: NumberOutcome) =>
    o.status === 'missing' ||
    (o.status === 'conflict' && !o.computation) ||
    (o.status === 'match' && o.evidence !== undefined && !nearBound(o.claim, o.evidence.value));
  const second =
    stated.size >= 1 && first.some(open)
      ? compareInTime(claim, inTime, claimText, years, wholes, stated, earlier)
      : first;
  const outcomes = first.map((o, i) =>
    o.status === 'missing' || (open(o) && second[i]!.computation) ? second[i]! : o,
  );
  const parts = wholesOf(claim, claimText, countOfWhole);
  // Years a figure of the claim was worked back to from a later level.
  const workedBack = new Set<number>();
  const settled = oneFigureEach(outcomes, inTime).map((o): NumberOutcome => {
    if (o.status !== 'missing' || !isAmount(o.claim)) return o;
    const q = o.claim;
    const whole = parts.get(q);
    const byShare = whole && partByShare(q, whole, inTime);
    if (byShare) return byShare;
    // Its period's level, worked back from a later one (whose figures are another year's).
    const before = levelBeforePoints(q, evidence);
    if (before) {
      if (q.when?.year !== undefined) workedBack.add(q.when.year);
      return { claim: q, status: 'derived', evidence: before.e, computation: before.computation };
    }
    // A change in a year is against the year before ("tripled in 2023" against 2023's and
    // 2022's figures): its arithmetic may take the earlier year's figures.
    const change = q.relation === 'multiple' || (q.kind === 'percent' && q.role === 'change');
    const prior = change ? outOfTime.filter((e) => years.has((e.when?.year ?? 0) + 1)) : [];
    if (prior.length > 0) {
      const [yearOnYear] = compareInTime([q], [...inTime, ...prior], claimText, years, wholes);
      if (yearOnYear?.computation) return yearOnYear;
    }
    const about = outOfTime.filter(
      (e) => e.kind === q.kind && comparable(q, e) && alignment(q, e) > 0,
    );
    const moved = about.find((e) => meets(q, e));
    if (moved) return { claim: q, status: 'match', evidence: moved };
    // The same measure given period by period ("by 2017 within 12%; by 2020 within 10%"): the
    // claim's period's figure settles it, though its clause leaves out what it measures.
    const sameSeries = (e: Quantity) =>
      e.when !== undefined &&
      e.kind === q.kind &&
      comparable(q, e) &&
      about.some((a) => a.unit === e.unit && a.role === e.role);
    const counterpart = inTime.find(sameSeries);
    if (!counterpart) return about[0] ? { ...o, elsewhen: about[0] } : o;
    return {
      claim: q,
      status: meets(q, counterpart) ? 'match' : 'conflict',
      evidence: counterpart,
    };
  });
  // The year a level was worked back to is the text's base of comparison ("78%, 14 points above
  // 2016"), not another year than the text's: the later level's year does not contradict it.
  return settled.map((o): NumberOutcome => {
    if (o.status !== 'conflict' || o.claim.kind !== 'year' || !workedBack.has(o.claim.value))
      return o;
    const base = evidence.find((e) => e.kind === 'year' && e.value === o.claim.value);
    return base
      ? { claim: o.claim, status: 'match', evidence: base }
      : { claim: o.claim, status: 'missing' };
  });
}

/**
 * Whether a text figure is about another year or day than the claim names: it neither settles
 * nor contradicts the claim's figure, unless it is the very value (then the claim moved a true
 * figure to another time, which the claim's date contradicts). A month alone ("in January")
 * names each of its days.
 */
function otherTimeThan(claim: Quantity[], years: ReadonlySet<number>): (e: Quantity) => boolean {
  const days = claim.filter((q) => q.kind === 'date');
  const dates = new Set(days.filter((q) => !wholeMonth(q.value)).map((q) => q.value));
  const months = new Set(days.filter((q) => wholeMonth(q.value)).map((q) => q.value / 100));
  return (e) =>
    (years.size > 0 && e.when?.year !== undefined && !years.has(e.when.year)) ||
    // A figure for a span of years is for no one year of it ("2019 to 2021" is not "2021 alone").
    (years.size > 0 && e.when?.span !== undefined && !e.when.span.every((y) => years.has(y))) ||
    (days.length > 0 &&
      e.when?.date !== undefined &&
      !dates.has(e.when.date) &&
      !months.has(Math.floor(e.when.date / 100)));
}

/**
 * Whether the text's figure `e` says what the claim's `q` does. Both sides "at least": the text's
 * floor must be the claim's or a little above it ("more than 300" is what a writer says of "at
 * least 318", not of "at least 410" for "at least 140"). A floor is not a ceiling: "at most 10%"
 * is not what "at least 10%" says.
 */
const meets = (q: Quantity, e: Quantity): boolean =>
  oppositeBounds(q, e)
    ? false
    : e.bound === q.bound && (q.bound === 'gt' || q.bound === 'lt')
      ? e.value === q.value || (valueSatisfies(q, e.value) && nearBound(q, e.value))
      : valueSatisfies(q, e.value, e.bound === 'approx');

/**
 * Each figure of the text is the counterpart of one figure of the claim: one that another claim
 * figure matches contradicts no other ("raised from 2,000 to 5,000 yuan" does not contradict the
 * claim's 5,000 through its 2,000), nor meets another's bound ("more than 35,000 of the 38,297
 * asked" is not met by the 38,297). Such a claim figure is read against the figures left.
 */
function oneFigureEach(outcomes: NumberOutcome[], evidence: Quantity[]): NumberOutcome[] {
  const taken = new Set(
    outcomes.flatMap((o) => (o.status === 'match' && o.evidence ? [o.evidence] : [])),
  );
  // Text figures a claim figure states exactly: they belong to it.
  const owned = new Set(
    outcomes.flatMap((o) =>
      o.status === 'match' && o.evidence?.value === o.claim.value ? [o.evidence] : [],
    ),
  );
  return outcomes.map((o) => {
    const q = o.claim;
    const metOnly =
      o.status === 'match' &&
      o.evidence !== undefined &&
      o.evidence.value !== q.value &&
      owned.has(o.evidence);
    const misread =
      o.status === 'conflict' &&
      !o.computation &&
      o.evidence !== undefined &&
      taken.has(o.evidence);
    if (!metOnly && !misread) return o;
    // A day another claim day is ("fewer on May 5 than on May 4" against May 5's figures alone):
    // the text says nothing of the claim's other day.
    if (!isAmount(q)) return misread ? { claim: q, status: 'missing' } : o;
    const free = evidence
      .filter((e) => !taken.has(e) && e.kind === q.kind && comparable(q, e) && !otherSide(q, e))
      .map((e) => ({ e, a: alignment(q, e) }))
      .sort((x, y) => y.a - x.a);
    // Small numbers stand everywhere: only one about the same thing counts.
    const same = free.find((f) => meets(q, f.e) && (q.value >= 10 || f.a > 0));
    if (same) return { claim: q, status: 'match', evidence: same.e };
    const best = free[0];
    return best && best.a > 0 && !withinBound(q, best.e)
      ? { claim: q, status: 'conflict', evidence: best.e }
      : { claim: q, status: 'missing' };
  });
}

/** "of the 480", "of Ardlow's 3.1 million": what joins a share to the whole the claim states. */
const OF_WHOLE = /^\s*of\s+(?:[\p{L}'’]+\s+)?(?:[\p{L}'’]+\s+)?$/u;

/**
 * Each figure of the claim that `isPart` takes for a part of the figure right after it, when the
 * claim states that whole as such ("80% of the 480 ships", "10,000 of the 38,000 asked").
 */
function wholesOf(
  claim: Quantity[],
  claimText: string,
  isPart: (q: Quantity, whole: Quantity) => boolean,
): Map<Quantity, Quantity> {
  const wholes = new Map<Quantity, Quantity>();
  claim.forEach((q, i) => {
    const next = claim[i + 1];
    if (next && isPart(q, next) && OF_WHOLE.test(claimText.slice(q.end, next.start)))
      wholes.set(q, next);
  });
  return wholes;
}

/** A share of the claim ("80%", "a third") of a count or sum stated right after it. */
const shareOfWhole = (q: Quantity, whole: Quantity): boolean =>
  q.kind === 'percent' &&
  (q.relation === 'share' || q.role === 'share') &&
  (whole.kind === 'count' || whole.kind === 'money');

/** A count of the claim of a larger count stated right after it. */
const countOfWhole = (q: Quantity, whole: Quantity): boolean =>
  q.kind === 'count' &&
  !q.relation &&
  whole.kind === 'count' &&
  !whole.relation &&
  whole.value > q.value;

/**
 * A count of a whole the claim states ("10,000 of the 38,000 asked") against the share of it the
 * text gives ("nearly 80% of those asked"): the whole times the share, with the computation.
 */
function partByShare(
  q: Quantity,
  whole: Quantity,
  evidence: Quantity[],
): NumberOutcome | undefined {
  const shares = evidence
    .filter(
      (e) =>
        e.kind === 'percent' &&
        !e.points &&
        e.role !== 'change' &&
        !isRise(e) &&
        !isFall(e) &&
        e.value > 0 &&
        e.value <= 100,
    )
    .map((e) => ({ e, a: alignment(q, e) + alignment(whole, e) }))
    .filter((s) => s.a > 0)
    .sort((x, y) => y.a - x.a);
  const share = shares[0]?.e;
  if (!share) return undefined;
  const part = (whole.value * share.value) / 100;
  const computation = `${fmt(whole.value)} × ${fmt(share.value)}% = ${fmt(Math.round(part))}`;
  const meets = meetsComputed(q, part);
  // Far past a bound is true but not what the claim says: it neither settles nor denies.
  if (meets && !nearBound(q, part)) return undefined;
  return { claim: q, status: meets ? 'derived' : 'conflict', evidence: share, computation };
}

/** Stems of words saying a figure is one part's ("the north site alone") or all parts' together. */
const PART = new Set(['alon', 'singl', 'individu']);
const WHOLE = new Set(['total', 'togeth', 'combin', 'altogeth', 'overal', 'cumul', 'sum']);
const said = (q: Quantity, stems: Set<string>): boolean =>
  [...q.before, ...q.after].some((w) => stems.has(w));

/**
 * One figure a part's and the other all parts' together ("the north site alone gives 10,000
 * beds" against "the four sites give a total of 38,000"): the text does not say the part. A
 * part the claim names ("the north site alone") is another's unless the text figure names it.
 */
const partAndWhole = (q: Quantity, e: Quantity, named: boolean): boolean =>
  (said(q, PART) && !said(e, PART) && (said(e, WHOLE) || !named)) ||
  (said(q, WHOLE) && said(e, PART) && !said(q, PART));

/** A claim's plain figure on the side of a bound the text gives ("4.6" against "more than 4"). */
const withinBound = (q: Quantity, e: Quantity): boolean =>
  (q.bound === 'eq' || q.bound === 'approx') &&
  ((e.bound === 'gt' && q.value >= e.value) || (e.bound === 'lt' && q.value <= e.value));

/** What the claim's words say to the comparison: which arithmetic they invite, and the words. */
interface ClaimTextReading {
  cues: Omit<Ops, 'stated' | 'years' | 'wholes'>;
  /** Every word the claim says, to tell a name of another thing beside a text figure. */
  claimWords: ReadonlySet<string>;
}

/** Readings of recent claim texts: one claim is compared with many sentences (and claims). */
const READINGS = new Map<string, ClaimTextReading>();
const MAX_READINGS = 500;

function readClaimText(claimText: string): ClaimTextReading {
  const known = READINGS.get(claimText);
  if (known) return known;
  const unbounded = claimText.replace(BOUND_WORDS, ' ');
  const cued = {
    sum: SUM_CUE.test(claimText),
    difference: DIFFERENCE_CUE.test(unbounded),
    ratio: RATIO_CUE.test(claimText),
  };
  const reading: ClaimTextReading = {
    // Arithmetic is always tried before a mismatch is called; a cue word lets looser ties count.
    cues: {
      sum: true,
      difference: true,
      ratio: cued.ratio,
      change: CHANGE_CUE.test(claimText),
      invited: cued.sum || cued.difference || cued.ratio || WORTH_CUE.test(claimText),
      total: cued.sum,
      decrease: DECREASE_CUE.test(unbounded),
      earlierTime: EARLIER_CUE.test(claimText),
      ends: UPPER_END.test(claimText) && LOWER_END.test(claimText),
    },
    claimWords: new Set((claimText.toLowerCase().match(/[a-z][a-z\d]*/g) ?? []).map(stemWord)),
  };
  if (READINGS.size >= MAX_READINGS) READINGS.clear();
  READINGS.set(claimText, reading);
  return reading;
}

/** Words saying a day ended a period, or began one, right before it in its clause. */
const ENDED_ON =
  /\b(?:end(?:s|ed)?|expir(?:e|es|ed)|clos(?:e|es|ed)|finish(?:es|ed)?|until|till|deadline|runs?\s+(?:to|until)|ran\s+(?:to|until))\b[^,;.!?]{0,25}$/i;
const BEGAN_ON =
  /\b(?:start(?:s|ed)?|beg[ai]n(?:s)?|launch(?:es|ed)?|open(?:s|ed)?|t(?:ook|akes?)\s+effect|effective|came\s+into\s+force)\b[^,;.!?]{0,25}$/i;
const periodEnd = (claimText: string, q: Quantity): 'from' | 'to' | undefined => {
  const lead = claimText.slice(Math.max(0, q.start - 40), q.start);
  return ENDED_ON.test(lead) ? 'to' : BEGAN_ON.test(lead) ? 'from' : undefined;
};

/** The comparison proper, against the figures of the claim's own years and days (or of none). */
function compareInTime(
  claim: Quantity[],
  evidence: Quantity[],
  claimText: string,
  /** The years the claim names. */
  years: ReadonlySet<number>,
  wholes: ReadonlyMap<Quantity, Quantity>,
  stated: ReadonlySet<Quantity> = new Set(),
  /** Other years' levels that figures of these changed from (see `Ops.earlier`). */
  earlier: readonly Quantity[] = [],
): NumberOutcome[] {
  const { cues, claimWords } = readClaimText(claimText);
  const ops: Ops = { ...cues, stated, years, wholes, earlier };
  const outcomes = claim
    .filter((q) => q.kind !== 'version')
    .map((q): NumberOutcome => {
      if (q.relation) return relationOutcome(q, evidence, ops, claimText);
      if (q.value === 0 && q.kind === 'count') return zeroOutcome(q, evidence);
      if (
        (q.kind === 'count' || q.kind === 'money') &&
        isGap(claimText.slice(0, q.start), claimText.slice(q.end))
      )
        return gapOutcome(q, evidence);
      const unit = DURATION_AFTER.exec(claimText.slice(q.end))?.[1];
      const span = q.kind === 'count' && unit ? durationOutcome(q, unit, evidence) : undefined;
      if (span) return span;
      const moved = q.kind === 'count' ? placesMoved(q, evidence) : undefined;
      if (moved) return moved;
      const comparableOnes = evidence.filter((e) => e.kind === q.kind && comparable(q, e));
      // A figure for the other side of a pair ("imports" against the claim's "exports") neither
      // settles nor contradicts it, unless it is the very value: the claim swapped the sides.
      const same = comparableOnes.filter((e) => !otherSide(q, e));
      const swapped = comparableOnes.find(
        (e) => otherSide(q, e) && e.value === q.value && q.value >= 10,
      );
      const satisfies = (e: Quantity) => meets(q, e);
      // An end of a range is read against the same end of a range in the text; so is a day the
      // claim says something ended or began on ("the scheme ended on May 1" against "from May 1
      // to June 30").
      const endOf = q.rangeEnd ?? (q.kind === 'date' ? periodEnd(claimText, q) : undefined);
      const end = endOf && same.find((e) => e.rangeEnd === endOf);
      if (end) return { claim: q, status: satisfies(end) ? 'match' : 'conflict', evidence: end };
      // A ceiling or a floor is the same end of a range ("fined up to 50,000" against "fined
      // between 10,000 and 50,000"); what the range is of was said before its first end.
      const edgeOf = q.bound === 'lt' ? 'to' : q.bound === 'gt' ? 'from' : undefined;
      const edge = edgeOf && same.find((e) => e.rangeEnd === edgeOf && e.value === q.value);
      if (edge) return { claim: q, status: 'match', evidence: edge };
      const scored = same.map((e) => ({ e, a: alignment(q, e) }));
      const best = Math.max(0, ...scored.map((s) => s.a));
      const top = scored.filter((s) => s.a === best && satisfies(s.e));
      const inReach = top.find((s) => nearBound(q, s.e.value));
      if (inReach) return pairedWithOther(q, inReach.e, same, claimWords);
      // "More than 10,000 yuan each" is true of a total of 1.75 million but not what it says:
      // the arithmetic the claim invites decides. Without it, a bound met only far away ("more
      // than 100 electric boats" against 480 boats of all kinds) neither settles nor denies.
      if (top.length > 0)
        return (
          settledBy(q, ops.invited ? derive(q, evidence, ops) : {}) ?? {
            claim: q,
            status: 'missing',
          }
        );
      // The very value about nearly the same thing ("650 ... and 140 people" read against 650 first),
      // or in a list paired by order ("on May 3rd and July 20th respectively"), unless another
      // figure of the list is plainly the claim figure's ("12 ferries and 340 barges" against
      // "340 ferries and 12 barges").
      // A precise figure ("173.9%") stated as such is seldom there by chance: it wins over one that
      // shares a single word with the claim's ("a jump of 173.9% on a year earlier" against "53.7%
      // year-on-year; exports up by 173.9%").
      // So does one that shares its noun ("22 newly approved cities" for the claim's "22 new pilot
      // cities", beside "15 pilot cities").
      // A level told as changed from the figure best about the claim's thing ("rose to 244 from
      // 201 in the quarter" for "244 in the quarter") shares that figure's words.
      const laterLevel = (e: Quantity) =>
        best > 0 &&
        e.changedFrom !== undefined &&
        scored.some((t) => t.a === best && t.e.kind === e.kind && t.e.value === e.changedFrom);
      const exact = scored.find(
        (s) =>
          (s.a >= best - 1 ||
            (s.a >= 2 && q.after.some((w) => s.e.after.includes(w))) ||
            laterLevel(s.e)) &&
          (s.a > 0 || s.e.listed || (best <= 1 && precise(q)) || laterLevel(s.e)) &&
          s.e.value === q.value &&
          q.value >= 10 &&
          !oppositeBounds(q, s.e),
      );
      if (exact) return pairedWithOther(q, exact.e, same, claimWords);
      // Of two levels of one thing ("from 9 to 14"), the later is what it is now.
      const bestOnes = scored.filter((s) => s.a === best).map((s) => s.e);
      const against =
        bestOnes.find((e) => !bestOnes.some((x) => x.changedFrom === e.value)) ?? bestOnes[0];
      // Figures two orders of magnitude apart are different quantities (a total vs a per-capita amount).
      // Counts are everywhere in news text; a percentage or sum of money shares its context less often.
      const needed = q.kind === 'count' ? CONFLICT_ALIGNMENT : 1;
      // A figure about the same named thing is the one to compare with ("6 from Oslo" vs "4 from
      // Oslo"), unless the claim's wording asks for arithmetic.
      const named = against !== undefined && q.names.some((n) => against.names.includes(n));
      const derivation = ops.invited || !named ? derive(q, evidence, ops) : {};
      const settled = settledBy(q, derivation);
      if (settled) return settled;
      if (best >= needed && against && comparableMagnitude(q.value, against.value)) {
        // "More than 4 trillion" neither confirms nor denies the claim's 4.6 trillion.
        if (withinBound(q, against) || partAndWhole(q, against, named))
          return { claim: q, status: 'missing' };
        // A figure beside a name the claim never says is another thing's ("Ardlow sold 4" against
        // "Glenmoor sold 9"), and the whole country's is not one named place's ("Eastvale topped
        // 35,000 yuan" against "the national average reached 26,000 yuan"): it says nothing of
        // the claim's figure.
        if (
          q.names.length > 0 &&
          !named &&
          (against.names.some((n) => !claimWords.has(n)) || (against.national && !q.national))
        )
          return { claim: q, status: 'missing' };
        // A figure to come ("will top 100 billion next year") is not denied by one reached; the
        // arithmetic below may still be.
        if (!(q.expected && !against.expected && isAmount(q)))
          return { claim: q, status: 'conflict', evidence: against };
      }
      // A day or year is seldom in the words of its clause ("was held on May 3" against "On May
      // 4, the meeting was held"): the claim's only one against the text's only one is one time,
      // when it is what the claim says (with figures, it is when they were so: another day's
      // figures are a near miss).
      const pointOf = (x: Quantity) =>
        x.kind === q.kind && (x.kind === 'year' || (x.kind === 'date' && !wholeMonth(x.value)));
      if (
        pointOf(q) &&
        best === 0 &&
        same.length === 1 &&
        pointOf(same[0]!) &&
        claim.filter(pointOf).length === 1 &&
        !claim.some(isAmount) &&
        !satisfies(same[0]!)
      )
        return { claim: q, status: 'conflict', evidence: same[0] };
      if (derivation.nearest) return computed(q, 'conflict', derivation.nearest);
      if (swapped) return { claim: q, status: 'conflict', evidence: swapped };
      const loose =
        scored.find((s) => s.a > 0 && satisfies(s.e) && nearBound(q, s.e.value)) ??
        (best === 0 || q.value >= 10 ? scored.find((s) => s.e.value === q.value) : undefined);
      if (loose) return { claim: q, status: 'match', evidence: loose.e };
      // The same digits at another scale ("150,000" for "15,000", 万 read as 十万): a figure
      // misread by a power of ten, whatever words surround it. Round figures ("5,000", "1
      // million") stand at every scale of a text, so two significant digits at least.
      const scaled =
        q.value >= 100 &&
        significantDigits(q.value) >= 2 &&
        same.find((e) => powerOfTen(e.value / q.value));
      if (scaled) return { claim: q, status: 'conflict', evidence: scaled };
      return { claim: q, status: 'missing' };
    });
  return uncrossed(outcomes.map(turnedRound), evidence);
}

/**
 * The claim figure's value beside another name than the claim's, in a text that gives the
 * claim's name its own figure ("H7N9 made up 81%, H5N1 12%" against "H5N1 made up 81%"): the
 * claim took the other thing's figure. Else the value is matched.
 */
function pairedWithOther(
  q: Quantity,
  e: Quantity,
  same: Quantity[],
  claimWords: ReadonlySet<string>,
): NumberOutcome {
  const own = q.names.filter((n) => !e.names.includes(n));
  const other = (x: Quantity) => x.names.some((n) => !claimWords.has(n));
  const owned =
    own.length > 0 &&
    other(e) &&
    same.find((x) => x.value !== q.value && !other(x) && own.some((n) => x.names.includes(n)));
  return owned
    ? { claim: q, status: 'conflict', evidence: owned }
    : { claim: q, status: 'match', evidence: e };
}

/**
 * A change of the very size the other way ("fell 8%" against "an increase of 8%", "fell three
 * places" against "up three places") is no match: the claim turned the change round.
 */
function turnedRound(o: NumberOutcome): NumberOutcome {
  const e = o.evidence;
  const q = o.claim;
  // A percentage, or places in an order ("fell three places" against "up three places").
  const places = (x: Quantity) =>
    x.kind === 'count' && /^(?:place|posit|spot)/.test(x.after[0] ?? '');
  const changes = (q.kind === 'percent' && e?.kind === 'percent') || (e && places(q) && places(e));
  if (o.status !== 'match' || !e || !changes) return o;
  const opposite =
    q.kind === 'percent'
      ? (isFall(q) && isRise(e) && !isFall(e)) || (isRise(q) && !isFall(q) && isFall(e))
      : q.change === e.change && q.falls !== e.falls;
  return opposite ? { ...o, status: 'conflict' } : o;
}

/**
 * Two figures of the claim that each stand in the text, but each in the other's words ("refused
 * 40 arrests and 12 prosecutions" against "12 arrests and 40 prosecutions"): the claim swapped
 * them, and each contradicts what the text says of its thing.
 */
function uncrossed(outcomes: NumberOutcome[], evidence: Quantity[]): NumberOutcome[] {
  const out = [...outcomes];
  // The text figures stating each claim figure's very value.
  const stating = outcomes.map(({ claim: q }) =>
    evidence.filter((e) => e.kind === q.kind && e.value === q.value && comparable(q, e)),
  );
  for (let i = 0; i < out.length; i++)
    for (let j = i + 1; j < out.length; j++) {
      const [a, b] = [out[i]!.claim, out[j]!.claim];
      if (a.kind !== b.kind || a.value === b.value) continue;
      if (out[i]!.status === 'derived' || out[j]!.status === 'derived') continue;
      const [ea, eb] = [stating[i]!, stating[j]!];
      if (ea.length !== 1 || eb.length !== 1) continue;
      const [x, y] = [ea[0]!, eb[0]!];
      if (alignment(a, y) > alignment(a, x) && alignment(b, x) > alignment(b, y)) {
        out[i] = { claim: a, status: 'conflict', evidence: y };
        out[j] = { claim: b, status: 'conflict', evidence: x };
      }
    }
  return out;
}
