import {
  alignment,
  comparableMagnitude,
  isFall,
  isRise,
  nearBound,
  oneMeasure,
  sameMeasure,
  meetsComputed,
  valueSatisfies,
} from './figures.js';
import { stemWord } from '../text/terms.js';
import { formatFigure, isAmount, type Quantity } from './quantity.js';

/**
 * Arithmetic among the text's figures that may give a claim's figure: sums (of two or three),
 * differences, ratios, percentage changes and shares, amounts per thing, and figures worked back
 * from a percentage.
 */

const fmt = formatFigure;

const ARITHMETIC_KINDS = new Set(['count', 'money', 'percent']);

/** Which relations between two evidence figures a claim number may state. */
export interface Ops {
  sum: boolean;
  difference: boolean;
  /** "N times", "doubled", "a third of": a ratio of two figures. */
  ratio: boolean;
  /** A percentage change ("rose 25%") or share ("20% of") of two figures. */
  change: boolean;
  /** The claim's wording invites arithmetic: a weaker tie between the figures is enough. */
  invited: boolean;
  /** The claim says it is a total ("in all", "added up to"): three figures may make it. */
  total?: boolean;
  /** The claim states a fall, so a percentage change is read downwards. */
  decrease: boolean;
  /** The claim speaks of a time before the text's ("last year", "previously"). */
  earlierTime?: boolean;
  /**
   * Text figures that other figures of the claim match: the claim itself says they are about its
   * thing, so a relation between two of them needs no shared words ("cut from 5,200 to 1,000,
   * more than 80%").
   */
  stated: ReadonlySet<Quantity>;
  /** Years the claim names: two figures of one measure for two of them are what it compares. */
  years: ReadonlySet<number>;
  /**
   * The whole a claim's share is of, when the claim states it ("a third of the 480 ships"): the
   * share is of that figure, not of any other pair of the text's.
   */
  wholes: ReadonlyMap<Quantity, Quantity>;
  /**
   * The claim speaks of both ends of a range ("the maximum fine is five times the minimum"): the
   * ends of one range are then what it relates.
   */
  ends?: boolean;
  /**
   * Levels of another time than the claim's that the text gives as where one of `evidence`'s
   * figures changed from: arithmetic may take them, nothing compares with them alone.
   */
  earlier?: readonly Quantity[];
}

export interface Derivation {
  /** Two evidence figures whose relation gives the claim's number. */
  match?: { e: Quantity; computation: string };
  /**
   * The closest relation of two figures both about the claim's thing, when none gives it;
   * `stated` when the claim itself states both figures (it then explains a mismatch best), `told`
   * when the text gives them as one thing before and after a change (its change is that one).
   */
  nearest?: { e: Quantity; computation: string; stated: boolean; told?: boolean };
}

/**
 * Whether two figures may be a part and its whole: counts of one thing ("19 cases" of "23 criminal
 * cases"), not of two ("23 cases involving 41 people" makes no share); a figure without its own
 * noun may be either.
 */
const countAlike = (a: Quantity, b: Quantity): boolean => {
  if (a.kind !== 'count' || b.kind !== 'count') return true;
  const [na, nb] = [nounsOf(a), nounsOf(b)];
  return na.length === 0 || nb.length === 0 || na.some((w) => nb.includes(w));
};

/** Two ends of one range ("fined 40,000 to 200,000 yuan"): bounds of one figure, not two figures. */
const oneRange = (a: Quantity, b: Quantity): boolean =>
  a.rangeEnd !== undefined &&
  b.rangeEnd !== undefined &&
  a.rangeEnd !== b.rangeEnd &&
  a.rangeWith === b.value &&
  b.rangeWith === a.value;

/** Whether one figure is the other's earlier level, by the text's own words (`changedFrom`). */
const changeOf = (a: Quantity, b: Quantity): boolean =>
  (b.changedFrom === a.value && (a.end <= b.start || toldAfter(b, a))) ||
  (a.changedFrom === b.value && (b.end <= a.start || toldAfter(a, b)));
/** The earlier level told right after the later one ("91.5%, up from 90.9%"). */
const TOLD_AFTER = 60;
const toldAfter = (later: Quantity, earlier: Quantity): boolean =>
  earlier.start >= later.end && earlier.start - later.end <= TOLD_AFTER;

/** Words before a number that make it a name in a series ("grade 2 hospitals", "Line 3"). */
const SERIES = new Set(['grade', 'level', 'class', 'phase', 'tier', 'stage', 'line', 'categori']);
/** A small whole number right after such a word: it names a grade, not an amount to add. */
const seriesName = (e: Quantity): boolean =>
  e.kind === 'count' && Number.isInteger(e.value) && e.value < 20 && SERIES.has(e.before.at(-1)!);

/** Nouns that count anything ("2.2 million units" of the cars sold): they name no thing. */
const COUNTER = new Set(['unit', 'item', 'piec']);
const nounsOf = (q: Quantity): string[] => q.after.filter((w) => !COUNTER.has(w));

/**
 * A sum, difference, ratio, percentage change or share of two evidence numbers that gives the
 * claim's number. Without a cue word in the claim, both figures must be about the same thing as
 * the claim's number (small numbers are too easy to hit by chance otherwise).
 */
export function derive(q: Quantity, evidence: Quantity[], ops: Ops): Derivation {
  if (!ARITHMETIC_KINDS.has(q.kind)) return {};
  // A share of a whole the claim states is of that whole, and of the part the claim names: another
  // part of it says nothing of the claim's. Without the whole in the text, other shares may deny
  // it, never meet it.
  const claimWhole = q.kind === 'percent' ? ops.wholes.get(q) : undefined;
  const whole =
    claimWhole &&
    evidence.find(
      (e) =>
        e.kind === claimWhole.kind &&
        !e.relation &&
        valueSatisfies(claimWhole, e.value) &&
        oneMeasure(e, claimWhole),
    );
  if (claimWhole && whole) return partOfWhole(q, claimWhole, whole, evidence);
  // A multiple may relate two percentages too ("30% is 1.5 times the 20% target").
  const pool = [...evidence, ...(ops.earlier ?? [])].filter(
    (e) =>
      !e.relation &&
      !e.points &&
      !seriesName(e) &&
      (e.kind === 'count' ||
        e.kind === 'money' ||
        e.kind === q.kind ||
        (q.relation === 'multiple' && e.kind === 'percent')),
  );
  // A gap in percentage points is a difference of two percentages, nothing else.
  const onlyDifference = q.points === true;
  // A relation of two figures in words, a percentage, or a change by an amount ("rose by 300"),
  // is settled by the figures it relates: another relation of the same two contradicts it.
  const decisive =
    q.relation !== undefined || q.kind === 'percent' || (isAmount(q) && (isRise(q) || isFall(q)));
  let nearest: Derivation['nearest'];
  let nearestGap = Infinity;
  let boundHeld = false;
  for (let i = 0; i < pool.length; i++) {
    for (let j = 0; j < pool.length; j++) {
      if (i === j) continue;
      const a = pool[i]!;
      const b = pool[j]!;
      const range = oneRange(a, b);
      if (!oneMeasure(a, b) || (range && !ops.ends)) continue;
      // A sum or gap is in the measure of its figures ("15 minutes" is not 5 buses + 10 minutes).
      // Nor is it a figure plus a sliver of it: 7 billion + 18.8 is 7 billion.
      const additive =
        !q.relation &&
        sameMeasure(q, a) &&
        sameMeasure(q, b) &&
        comparableMagnitude(a.value, b.value);
      // "1,200, an increase of 300": the rise is said of the figure before it, in its words.
      // Not of a level the text says another changed from: that one is the earlier level.
      const riseOfA =
        isRise(b) && saidOf(b, a) && !pool.some((c) => c !== a && c.changedFrom === a.value);
      const alA = alignment(q, a);
      const alB = riseOfA ? alA : alignment(q, b);
      const needed = ops.invited ? 0 : 1;
      // Money over a count of things is an amount per thing, whatever their magnitudes.
      const perThing = q.kind === 'money' && a.kind === 'money' && b.kind === 'count';
      // A change said of a figure the claim states is the claim's too ("1,200, an increase of
      // 300" for a claim giving the 1,200).
      const stated =
        ops.stated.has(a) &&
        (ops.stated.has(b) || riseOfA) &&
        (perThing || comparableMagnitude(a.value, b.value));
      // "The 2035 quota is 3 points above the 2025 one": the figures for the two years named.
      const periods =
        a.kind === b.kind &&
        a.when?.year !== undefined &&
        b.when?.year !== undefined &&
        a.when.year !== b.when.year &&
        ops.years.has(a.when.year) &&
        ops.years.has(b.when.year);
      // One thing before and after a change the text states ("raised from 2,000 to 5,000"): what
      // a claim's multiple or change relates, in whatever words.
      const levels = changeOf(a, b);
      // A level less its rise (plus its fall) is the level before: what a claim about that
      // earlier time says, not one about the level's own ("410, 60 more than last year" is no
      // 350 this year).
      const changeOfA = (riseOfA || (isFall(b) && saidOf(b, a))) && !q.relation && !levels;
      // A claim naming a year the text's level is not given in may mean the earlier one.
      const earlierLevel =
        changeOfA &&
        !ops.earlierTime &&
        ![...ops.years].some((y) => a.when?.year === undefined || y < a.when.year);
      // Figures the claim ties to its own (by stating them or their years, a range's ends when it
      // speaks of both, a change's two levels) need no shared words.
      const tied = stated || periods || range || levels;
      // A bound ("more than 2,000 staff") is met by many sums and gaps of a text's figures:
      // only by two the claim ties to its own, or when its words ask for the arithmetic.
      // A percentage is one relation of two figures, not any sum of them: two the claim's words
      // are about bound it as surely ("fewer than 30% of the new staff" against 70 of 250).
      const boundMet =
        (q.bound !== 'gt' && q.bound !== 'lt') ||
        tied ||
        ops.invited ||
        (q.kind === 'percent' && alA > 0 && alB > 0);
      // A rise by the gap of two levels the text gives as a fall (or the other way) is no rise.
      const wrongWay =
        levels &&
        ((isRise(q) && b.changedFrom === a.value) || (isFall(q) && a.changedFrom === b.value));
      if (!tied && (alA + alB === 0 || alA < needed || alB < needed)) continue;
      if (!tied && q.value < 10 && !q.relation && (alA === 0 || alB === 0)) continue;
      // Explanations are written only for a figure that is kept: formatting is slow next to the
      // arithmetic, and most pairs are tried and dropped.
      const candidates: [number, () => string, boolean?][] = [];
      const sameKind = a.kind === b.kind;
      // A percentage is no sum or gap of two sums of money or counts (150 − 90 yuan is no 60%).
      const inKind = q.kind !== 'percent' || a.kind === 'percent';
      // A level and the level it changed from are one thing at two times: they add to nothing.
      if (
        ops.sum &&
        i < j &&
        sameKind &&
        additive &&
        inKind &&
        !onlyDifference &&
        !levels &&
        !earlierLevel
      )
        candidates.push([a.value + b.value, () => `${fmt(a.value)} + ${fmt(b.value)}`]);
      if (ops.difference && a.value > b.value && sameKind && additive && inKind && !earlierLevel)
        candidates.push([a.value - b.value, () => `${fmt(a.value)} − ${fmt(b.value)}`, wrongWay]);
      if (
        ops.ratio &&
        !onlyDifference &&
        b.value !== 0 &&
        sameKind &&
        q.kind === 'count' &&
        (a.value > b.value || !q.relation)
      )
        candidates.push([a.value / b.value, () => `${fmt(a.value)} ÷ ${fmt(b.value)}`]);
      // An amount of money per thing: "1.2 million yuan for 300 boats" is 4,000 yuan a boat.
      if (ops.ratio && !q.relation && perThing && b.value > 1)
        candidates.push([a.value / b.value, () => `${fmt(a.value)} ÷ ${fmt(b.value)}`]);
      // And a total is the amount per thing times the things ("£25 to each of 2,400 homes").
      if (ops.total && !q.relation && perThing && b.value > 1 && q.value > a.value)
        candidates.push([a.value * b.value, () => `${fmt(a.value)} × ${fmt(b.value)}`]);
      // A figure the text gives as changed from another ("cut from 90 to 60") is compared
      // with that one only: 60 against another pair's 150 relates nothing.
      const pairedElsewhere =
        (a.changedFrom !== undefined && a.changedFrom !== b.value) ||
        pool.some((c) => c !== a && c.kind === b.kind && c.changedFrom === b.value);
      // A share is one figure over another whatever the claim's words ("30% of the new staff").
      const shareSaid = q.role === 'share' || q.relation === 'share';
      if (
        (ops.change || shareSaid) &&
        !onlyDifference &&
        !pairedElsewhere &&
        q.kind === 'percent' &&
        b.value !== 0 &&
        sameKind &&
        a.kind !== 'percent'
      ) {
        if (q.relation !== 'share' && q.role !== 'share' && !claimWhole) {
          const change = ((a.value - b.value) / b.value) * 100;
          candidates.push([
            ops.decrease ? -change : change,
            () => `(${fmt(a.value)} − ${fmt(b.value)}) ÷ ${fmt(b.value)}`,
          ]);
        }
        // A share is of a larger whole; a plain percentage may be a ratio above 100.
        // A change ("fell 80%") is no ratio of the two levels (120 is 80% of 150, 20% down).
        const share = q.relation !== undefined || q.role === 'share';
        // Two parts of a whole the text gives ("20 inspected: 9 failed, 11 passed"): a
        // share is of the whole, not of the other part.
        const bothParts =
          share && pool.some((w) => w.kind === a.kind && w.value === a.value + b.value);
        if (
          q.role !== 'change' &&
          !bothParts &&
          (a.value < b.value || !share) &&
          countAlike(a, b) &&
          (!whole || b === whole)
        )
          candidates.push([(a.value / b.value) * 100, () => `${fmt(a.value)} ÷ ${fmt(b.value)}`]);
      }
      // The figure before the rise is their difference: a claim's multiple or percentage change
      // is read against it.
      if (riseOfA && sameKind && a.kind !== 'percent' && a.value > b.value && !onlyDifference) {
        const before = a.value - b.value;
        if (q.relation === 'multiple')
          candidates.push([
            a.value / before,
            () => `${fmt(a.value)} ÷ (${fmt(a.value)} − ${fmt(b.value)})`,
          ]);
        if (q.kind === 'percent' && !q.relation && ops.change)
          candidates.push([
            (b.value / before) * 100,
            () => `${fmt(b.value)} ÷ (${fmt(a.value)} − ${fmt(b.value)})`,
          ]);
      }
      for (const [value, expr, wayOff] of candidates) {
        if (value <= 0) continue;
        const satisfied = !wayOff && meetsComputed(q, value);
        const computation = () => `${expr()} = ${fmt(Math.round(value * 100) / 100)}`;
        if (satisfied && boundMet && nearBound(q, value) && !claimWhole)
          return { match: { e: a, computation: computation() } };
        // Far past a bound is true but not what the claim says: neither support nor contradiction.
        // A percentage one relation of the figures it is about meets is no contradiction of
        // another relation of theirs (a share of them against their change).
        if (satisfied) {
          if (q.kind === 'percent' && (tied || (alA > 0 && alB > 0))) boundHeld = true;
          continue;
        }
        // Only a relation or a percentage conflicts with another relation of two figures both
        // about the claim's thing; other numbers are compared with the text's own figures.
        // A relation in words names one side in the text's words at least ("comments outnumber
        // shares two to one" against "commented by 118, forwarded 18 times"), of one kind.
        // So does any figure the claim's wording derives from two figures it states itself.
        const bothAbout = alA > 0 && alB > 0;
        const about =
          range ||
          // A change the text gives between two levels, and a claim saying a change (by its
          // words: a Chinese claim's figure has no English words around it to say it rose).
          (levels &&
            (q.relation === 'multiple' ||
              q.role === 'change' ||
              q.points === true ||
              decisive ||
              (ops.invited && additive))) ||
          (decisive &&
            (q.relation === undefined ? bothAbout : (alA > 0 || alB > 0) && a.kind === b.kind)) ||
          (stated &&
            ops.invited &&
            (q.value >= 10 || q.relation !== undefined) &&
            // A ratio, share or change: "both" or "total" over figures the claim lists side by
            // side need not be their sum.
            (ops.ratio || q.kind === 'percent' || q.relation !== undefined));
        if (!about) continue;
        const gap = Math.abs(Math.log(value / q.value));
        if (gap < nearestGap) {
          nearestGap = gap;
          nearest = { e: a, computation: computation(), stated, told: levels };
        }
      }
    }
  }
  if (claimWhole) return nearest ? { nearest } : {};
  const ofShare = wholeOfShare(q, evidence);
  if (ofShare) return { match: ofShare };
  const perYear = ops.ratio ? yearlyOfSpan(q, evidence) : undefined;
  if (perYear) return { match: perYear };
  if (ops.invited) {
    const fromShare = byPercent(q, evidence, ops.stated);
    if (fromShare) return { match: fromShare };
  }
  // A bound ("more than 20 trillion together") is met by too many sums of three to say anything.
  if (ops.total && !q.relation && (q.bound === 'eq' || q.bound === 'approx')) {
    const total = listTotal(q, pool);
    if (total) return { match: total };
  }
  return nearest && !boundHeld ? { nearest } : {};
}

/** Stems of the words that bound a share ("almost half"): they say nothing of what it is of. */
const HEDGES = new Set(
  'almost nearly about around roughly approximately just close over under only some least most more less than'
    .split(' ')
    .map(stemWord),
);

/**
 * A share of a whole the claim states ("over 80% of the 480 ships"): the part is the text's
 * figure about what the claim says made it up ("300 of them container ships"), in the whole's
 * measure and below it; words the claim says of the whole ("ships" of "480 ships") tell no part
 * from another.
 */
function partOfWhole(
  q: Quantity,
  claimWhole: Quantity,
  whole: Quantity,
  evidence: Quantity[],
): Derivation {
  // The words before the whole's figure are the share's own ("two-thirds of the 480").
  const wholeWords = new Set(claimWhole.after);
  const subject = new Set(
    [...q.before, ...q.after].filter((w) => !wholeWords.has(w) && !HEDGES.has(w)),
  );
  // "Almost half of the 40 keepers retired": nothing but the whole's words says which part.
  const about = (e: Quantity) =>
    subject.size === 0
      ? alignment(q, e)
      : new Set([...e.before, ...e.after].filter((w) => subject.has(w))).size +
        e.names.filter((n) => q.names.includes(n)).length;
  const parts = evidence
    .filter(
      (e) =>
        e !== whole &&
        e.kind === whole.kind &&
        !e.relation &&
        e.value > 0 &&
        e.value < whole.value &&
        oneMeasure(e, whole) &&
        !oneRange(e, whole),
    )
    .map((e) => ({ e, a: about(e) }))
    .filter((p) => p.a > 0);
  const top = Math.max(0, ...parts.map((p) => p.a));
  let nearest: Derivation['nearest'];
  for (const { e, a } of parts) {
    if (a < top) continue;
    const value = (e.value / whole.value) * 100;
    const computation = `${fmt(e.value)} ÷ ${fmt(whole.value)} = ${fmt(Math.round(value * 100) / 100)}`;
    if (meetsComputed(q, value)) return { match: { e, computation } };
    nearest ??= { e, computation, stated: true };
  }
  return nearest ? { nearest } : {};
}

/**
 * A percentage for an earlier period, worked back from the text's level and its change in
 * percentage points ("78% in 2022, up 14 points on 2016" gives 64% for 2016). The claim must
 * name a period other than the level's: "the rate is 64%" against "78%, up 14 points" is refuted,
 * not derived. Up or down is read from the change's words, else either is tried.
 */
export function levelBeforePoints(q: Quantity, evidence: readonly Quantity[]): Derivation['match'] {
  const year = q.when?.year;
  if (q.kind !== 'percent' || q.points || q.relation || year === undefined) return undefined;
  for (const change of evidence) {
    if (change.kind !== 'percent' || !change.points) continue;
    // "up 11 points", "11 points higher than"; "down 11 points", "11 points lower than".
    const up = isRise(change) || change.after.some((w) => /^(higher|more|abov|up)$/.test(w));
    const down = isFall(change) || change.after.some((w) => /^(lower|less|below|down)$/.test(w));
    for (const level of evidence) {
      if (level.kind !== 'percent' || level.points || level.relation) continue;
      if (level.when?.year === year || alignment(q, level) === 0) continue;
      const signs = up === down ? [-1, 1] : up ? [-1] : [1];
      for (const sign of signs) {
        const value = level.value + sign * change.value;
        if (value > 0 && meetsComputed(q, value) && nearBound(q, value))
          return {
            e: level,
            computation: `${fmt(level.value)}% ${sign < 0 ? '−' : '+'} ${fmt(change.value)} points = ${fmt(value)}%`,
          };
      }
    }
  }
  return undefined;
}

/** What a stake is a share of: a company's equity ("a 35% stake", "70% of its shares"). */
const STAKE = new Set(['stake', 'equiti', 'share', 'interest']);
/** What a claim says the whole company is worth ("valued at", "its valuation"). */
const WORTH = new Set(['valu', 'valuat', 'worth']);
/** Characters between a stake and the price paid after it ("a 35% stake for £14 million"). */
const PRICE_REACH = 40;

/**
 * The whole a part and its share give: "spent 2.4 million, accounting for 6% of its budget" makes
 * the budget 40 million. The claim's figure must be of what the share is of (a word the text says
 * after the share, not of the part itself); a price paid for a stake gives what the claim says the
 * whole is worth ("£14 million for a 35% stake" values it at £40 million).
 */
function wholeOfShare(q: Quantity, evidence: readonly Quantity[]): Derivation['match'] {
  if ((q.kind !== 'money' && q.kind !== 'count') || q.relation) return undefined;
  const words = new Set([...q.before, ...q.after]);
  const worth = q.kind === 'money' && [...words].some((w) => WORTH.has(w));
  for (const share of evidence) {
    if (share.kind !== 'percent' || share.points || share.relation) continue;
    if (share.value <= 0 || share.value >= 100) continue;
    const stake = worth && share.role !== 'change' && share.after.some((w) => STAKE.has(w));
    if (share.role !== 'share' && !stake) continue;
    // The part is the figure right before its share ("2.4 million, accounting for 6%"), or a
    // stake's price right after it.
    const before = evidence
      .filter((e) => e.kind === q.kind && !e.relation && e.end <= share.start)
      .at(-1);
    const after = stake
      ? evidence.find((e) => e.kind === q.kind && !e.relation && e.start >= share.end)
      : undefined;
    const part =
      before && saidOf(share, before)
        ? before
        : after && after.start - share.end <= PRICE_REACH
          ? after
          : undefined;
    if (!part) continue;
    const ofWhat = share.after.filter((w) => !part.before.includes(w) && !part.after.includes(w));
    if (!stake && !ofWhat.some((w) => words.has(w))) continue;
    const value = part.value / (share.value / 100);
    const computation = `${fmt(part.value)} ÷ ${fmt(share.value)}% = ${fmt(Math.round(value * 100) / 100)}`;
    // Only a match: a part and a share stand in many sentences, and a whole worked out from the
    // wrong pair would contradict claims about other totals.
    if (meetsComputed(q, value) && nearBound(q, value)) return { e: part, computation };
  }
  return undefined;
}

/** The longest span of years an amount is spread over ("a 25-year lease"). */
const LONGEST_SPAN = 50;

/**
 * So much a year of an amount the text gives over a span of years: "28 million yuan over four
 * years" is 7 million a year. The claim must say its figure is a year's. Only a match: a span and
 * a total stand in many texts that never divide one by the other.
 */
function yearlyOfSpan(q: Quantity, evidence: readonly Quantity[]): Derivation['match'] {
  if ((q.kind !== 'money' && q.kind !== 'count') || q.relation || q.measure) return undefined;
  if (![...q.before, ...q.after].includes('year')) return undefined;
  const spans = evidence.filter(
    (e) => e.kind === 'count' && e.measure === 'yr' && e.value > 1 && e.value <= LONGEST_SPAN,
  );
  for (const span of spans)
    for (const total of evidence) {
      if (total.kind !== q.kind || total.relation || total.measure || total.rangeEnd) continue;
      const value = total.value / span.value;
      if (meetsComputed(q, value) && nearBound(q, value))
        return {
          e: total,
          computation: `${fmt(total.value)} ÷ ${fmt(span.value)} years = ${fmt(Math.round(value * 100) / 100)}`,
        };
    }
  return undefined;
}

/** Figures of one kind few enough to be the parts a claimed total counts. */
const SHORT_LIST = 5;

/**
 * A total of two or three figures about the claim's thing ("118 comments, 19 saves and 18
 * shares": 155 reactions in all), each in the claim's measure.
 */
function listTotal(q: Quantity, pool: Quantity[]): Derivation['match'] {
  // Parts are plain figures: a bound ("will cross 10 trillion") or a zero adds nothing known.
  const same = pool.filter(
    (e) =>
      e.kind === q.kind &&
      sameMeasure(q, e) &&
      !e.points &&
      e.value > 0 &&
      (e.bound === 'eq' || e.bound === 'approx'),
  );
  // A short list is what the total counts though its words differ ("comments, saves and shares"
  // against "commented by 118, collected by 19, forwarded 18 times"); among many, words decide.
  const about = same.length <= SHORT_LIST ? same : same.filter((e) => alignment(q, e) > 0);
  // Two of them ("saves and shares combined") or three, each set of figures once.
  const sets: Quantity[][] = [];
  for (let i = 0; i < about.length; i++)
    for (let j = i + 1; j < about.length; j++) {
      sets.push([about[i]!, about[j]!]);
      for (let k = j + 1; k < about.length; k++) sets.push([about[i]!, about[j]!, about[k]!]);
    }
  for (const parts of sets) {
    if (!parts.every((p) => sameMeasure(p, parts[0]!))) continue;
    const sum = parts.reduce((t, p) => t + p.value, 0);
    if (meetsComputed(q, sum) && nearBound(q, sum))
      return {
        e: parts[0]!,
        computation: `${parts.map((p) => fmt(p.value)).join(' + ')} = ${fmt(Math.round(sum * 100) / 100)}`,
      };
  }
  return undefined;
}

/** Characters between a figure and the rise said of it ("1,200, an increase of 300"). */
const RISE_REACH = 80;

/** Whether two figures stand within a clause or two of each other, either way round. */
const near = (x: Quantity, y: Quantity): boolean =>
  Math.min(Math.abs(x.start - y.end), Math.abs(y.start - x.end)) < RISE_REACH;

/** Whether a change stands right after a figure, so is said of it ("1,200, up 25%"). */
const saidOf = (change: Quantity, figure: Quantity): boolean =>
  change.start > figure.end && change.start - figure.end < RISE_REACH;

/** A value worked out of a figure and a rate, with the operation and operand it shows. */
type Form = [value: number, op: string, by: number];

/**
 * A figure the text gives through a percentage of another: "52,000, up 30%" gives 40,000
 * the period before; "20% of 500" gives 100.
 */
function byPercent(
  q: Quantity,
  evidence: Quantity[],
  stated: ReadonlySet<Quantity>,
): Derivation['match'] {
  if (q.kind === 'percent' || q.relation) return undefined;
  const bases = evidence.filter(
    (e) => !e.relation && e.kind === q.kind && (alignment(q, e) > 0 || stated.has(e)),
  );
  const rates = evidence.filter((e) => !e.relation && e.kind === 'percent' && e.value > 0);
  for (const a of bases) {
    // A rate far from the figure is another thing's ("incomes of townspeople grew 5.2%").
    for (const p of rates.filter((x) => near(x, a))) {
      const r = p.value / 100;
      const rise = isRise(p);
      const fall = isFall(p);
      const beforeRise: Form = [a.value / (1 + r), '÷', 1 + r];
      const afterRise: Form = [a.value * (1 + r), '×', 1 + r];
      const beforeFall: Form[] = r < 1 ? [[a.value / (1 - r), '÷', 1 - r]] : [];
      const part: Form = [a.value * r, '×', r];
      // A change said of the figure ("40 billion, up 12%") makes it the later one: it gives
      // the earlier figure only, not a later one or a part.
      const saidOfFigure = (rise || p.role === 'change') && saidOf(p, a);
      // A share ("10% of the price"), or a percentage said as neither a rise nor a fall, is a
      // part, never a growth rate.
      const partOnly = p.role === 'share' || !(rise || fall || p.role === 'change');
      // A rate said as a rise gives no level before a fall, nor a fall one after a rise; a figure
      // whose earlier level the text gives has no other earlier level to work out.
      const before =
        a.changedFrom !== undefined
          ? []
          : fall
            ? beforeFall
            : rise
              ? [beforeRise]
              : [beforeRise, ...beforeFall];
      const forms: Form[] = saidOfFigure
        ? fall
          ? beforeFall
          : [beforeRise]
        : partOnly
          ? [part]
          : [...before, ...(fall ? [] : [afterRise]), part];
      for (const [value, op, by] of forms)
        if (meetsComputed(q, value) && nearBound(q, value))
          return {
            e: a,
            computation: `${fmt(a.value)} ${op} ${fmt(by)} = ${fmt(Math.round(value))}`,
          };
    }
  }
  return undefined;
}
