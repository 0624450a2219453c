import {
  askCounts,
  compareActivity,
  compareGrowth,
  growth,
  sparkline,
} from '../../src/moderation/ask-counts.js';
import {
  restoreFeatures,
  saveFeatures,
  claimFeatures,
} from '../../src/moderation/claim-features.js';
import {
  chooseThreshold,
  clusteringQuality,
  quantile,
} from '../../src/moderation/cluster-quality.js';
import { bestCluster, Clusterer } from '../../src/moderation/clusterer.js';
import {
  claimFigures,
  figureAgreement,
  MAX_CLAIM_FIGURES,
} from '../../src/moderation/figure-agreement.js';
import { decideCurated } from '../../src/moderation/curated-match.js';
import {
  claimSimilarity,
  glossOverlap,
  PAIR_MODEL,
  pairSignals,
  passageOverlap,
  SIGNALS,
} from '../../src/moderation/similarity.js';
import { claimGrams, gramCosine, isMostlyCjk } from '../../src/moderation/text-grams.js';

const HOUR = 3_600_000;

describe('claim similarity', () => {
  it('scores an exact repeat 1 and ignores case, punctuation and viral noise words', () => {
    const a = claimGrams('Strawberries are the dirtiest fruit');
    expect(gramCosine(a, a)).toBeCloseTo(1);
    expect(
      gramCosine(
        a,
        claimGrams('STRAWBERRIES are the DIRTIEST fruit!!! Share before it is deleted!'),
      ),
    ).toBeCloseTo(1);
  });

  it('scores a reworded forward above a different claim on the same topic', async () => {
    const f = (t: string) => claimFeatures(t, undefined);
    const original = await f('Strawberries are the dirtiest fruit because of pesticide residue');
    const forward = await f('The dirtiest fruit of all? Strawberries, full of pesticide residues');
    const other = await f('Soaking strawberries in salt water removes pesticide');
    expect(claimSimilarity(original, forward).score).toBeGreaterThan(
      claimSimilarity(original, other).score,
    );
  });

  it('compares Chinese and English forwards through shared passages, not blind signals', () => {
    const zh = {
      grams: claimGrams('草莓是最脏的水果'),
      isCjk: true,
      passages: ['a:1', 'b:2', 'c:3'],
    };
    const en = (text: string, passages: string[]) => ({ grams: claimGrams(text), passages });
    const near = claimSimilarity(zh, en('Strawberries are the dirtiest fruit', ['a:1', 'b:2']));
    expect(near.passages).toBeGreaterThan(0.5);
    // Without a translation the grams of the two scripts say nothing: other words, same score.
    expect(claimSimilarity(zh, en('Foxconn left Wisconsin', ['a:1', 'b:2'])).score).toBeCloseTo(
      near.score,
    );
    expect(claimSimilarity(zh, en('Strawberries are dirty', ['x:9'])).score).toBeLessThan(
      near.score,
    );
    expect(isMostlyCjk('草莓是最脏的水果 share')).toBe(true);
  });

  it('meets a Chinese word through any of its dictionary renderings', () => {
    // 去掉 "get rid of / remove", 农药 "pesticide", 草莓 "strawberry", 盐水 "salt water"
    const gloss = [
      ['rid', 'remov', 'elimin'],
      ['pesticid', 'agricultur', 'chemic'],
      ['strawberri'],
      ['salt', 'water'],
    ];
    const same = glossOverlap(gloss, claimGrams('Salt water removes pesticides from strawberries'));
    const other = glossOverlap(gloss, claimGrams('Foxconn cancelled the Wisconsin factory'));
    expect(same).toBeGreaterThan(0.8);
    expect(other).toBe(0);
  });

  it('weighs passage overlap by rank and is symmetric', () => {
    expect(passageOverlap(['a', 'b'], ['a', 'b'])).toBe(1);
    expect(passageOverlap(['a', 'x'], ['y', 'z'])).toBe(0);
    expect(passageOverlap(['a', 'x'], ['x', 'y'])).toBeCloseTo(
      passageOverlap(['x', 'y'], ['a', 'x']),
    );
    expect(passageOverlap(['a', 'x'], ['a', 'y'])).toBeGreaterThan(
      passageOverlap(['x', 'a'], ['y', 'a']),
    );
  });

  it('reads whether two forwards state the same figures, both ways', async () => {
    const f = claimFigures;
    const said = f('Riverton exports rose 12% to 3.4 billion yuan');
    expect(
      figureAgreement(said, f('Riverton exports were up 12 percent at 3.4 billion yuan')),
    ).toBe(1);
    const oneOff = figureAgreement(said, f('Riverton exports rose 20% to 3.4 billion yuan'))!;
    const bothOff = figureAgreement(said, f('Riverton exports rose 20% to 5.1 billion yuan'))!;
    expect(oneOff).toBeLessThan(1);
    expect(bothOff).toBeLessThan(oneOff);
    // A forward that drops the figures settles none of them.
    expect(figureAgreement(said, f('Riverton exports rose'))).toBe(0);
    // Without a figure on either side (a version is a name) the signal is left out.
    expect(figureAgreement(f('Exports rose sharply'), f('Exports went up a lot'))).toBeUndefined();
    expect(figureAgreement(f('Lark V2.0 writes code'), f('Lark V2.0 can code'))).toBeUndefined();
    // A claim that is a list of numbers is read up to a handful of them (each pair compares them).
    const list = Array.from({ length: 3 * MAX_CLAIM_FIGURES }, (_, i) => `${i + 11}`).join(', ');
    expect(f(list).quantities).toHaveLength(MAX_CLAIM_FIGURES);
    const plain = pairSignals(
      await claimFeatures('Exports rose sharply', undefined),
      await claimFeatures('Exports went up a lot', undefined),
    );
    expect(plain.has.figures).toBe(false);

    const original = await claimFeatures(
      'Riverton exports rose 12% to 3.4 billion yuan',
      undefined,
    );
    const forward = await claimFeatures(
      'Riverton exports rose 12% to 3.4 billion yuan!!',
      undefined,
    );
    const other = await claimFeatures('Riverton exports rose 21% to 4.3 billion yuan', undefined);
    expect(claimSimilarity(original, other).score).toBeLessThan(
      claimSimilarity(original, forward).score,
    );
    // A Chinese claim's figures are read from its English query only.
    const zh = '河城出口增长12%，达到34亿元';
    const query = 'River city export growth 12%, reach 3.4 billion yuan';
    expect((await claimFeatures(zh, undefined, query)).figures?.quantities.length).toBe(2);
    expect((await claimFeatures(zh, undefined)).figures).toBeUndefined();
  });

  it('scores average-link clusters against a floor as pair-by-pair scoring does', async () => {
    const texts = [
      ['Riverton exports rose 12% to 3.4 billion yuan', 'Riverton exports were up 12 percent'],
      ['Riverton exports rose 20% to 5.1 billion yuan', 'Riverton imports fell 3% to 1.2 billion'],
      ['Lakeside hospital added 300 beds in 2021', 'Lakeside hospital has 300 new beds'],
      ['Riverton exports rose sharply', 'Riverton exports rose 12% in all'],
    ];
    const clusters = await Promise.all(
      texts.map(async (members, i) => ({
        id: `c${i}`,
        members: await Promise.all(members.map((t) => claimFeatures(t, undefined))),
      })),
    );
    const claim = await claimFeatures('Riverton exports grew 12% to 3.4 billion yuan', undefined);
    const mean = (c: (typeof clusters)[number]) =>
      c.members.reduce((sum, m) => sum + claimSimilarity(claim, m).score, 0) / c.members.length;
    const means = clusters.map(mean);
    const chosen: (string | undefined)[] = [];
    // All clusters, then all but the closest one, against floors from loose to strict.
    for (const candidates of [clusters, clusters.slice(1)]) {
      for (const floor of [0.2, 0.5, 0.8, 0.95]) {
        const reaching = candidates
          .filter((c) => mean(c) >= floor)
          .sort((x, y) => mean(y) - mean(x));
        const best = bestCluster(claim, candidates, 'average', floor);
        chosen.push(best?.clusterId);
        expect(best?.clusterId).toBe(reaching[0]?.id);
        if (best) expect(best.similarity.score).toBeCloseTo(mean(reaching[0]!), 10);
      }
    }
    // The cases above are not all alike: some floors leave no cluster, others pick different ones.
    expect(new Set(chosen).size).toBeGreaterThanOrEqual(3);
    // Full figure agreement bounds a pair's score only while no weight is negative.
    for (const weights of Object.values(PAIR_MODEL))
      for (const k of SIGNALS) expect(weights[k]).toBeGreaterThanOrEqual(0);
    // Without a floor every cluster is scored.
    expect(bestCluster(claim, clusters, 'average')?.similarity.score).toBeCloseTo(
      Math.max(...means),
      10,
    );
  });

  it('restores saved features to the same similarity', () => {
    const text = '富士康取消了工厂';
    const features = {
      grams: claimGrams(text),
      queryGrams: claimGrams('Foxconn cancel factory'),
      isCjk: true,
      embedding: Float32Array.from([0.6, 0.8]),
      passages: ['s:1'],
      glossTerms: [['foxconn'], ['cancel', 'call', 'off'], ['factori', 'plant']],
    };
    const restored = restoreFeatures(text, saveFeatures(features, 'Foxconn cancel factory'));
    const english = { grams: claimGrams('Foxconn called off the plant'), passages: ['s:1'] };
    expect(claimSimilarity(restored, english)).toEqual(claimSimilarity(features, english));
    expect(claimSimilarity(features, restored).score).toBeCloseTo(
      claimSimilarity(features, features).score,
      4,
    );
  });
});

describe('incremental clustering', () => {
  it('puts repeats together, starts a cluster for a new rumor, and measures purity and splits', async () => {
    let n = 0;
    const clusterer = new Clusterer({ joinThreshold: 0.5, maxMembers: 10, newId: () => `c${n++}` });
    const items = [
      ['a', 'Foxconn cancelled the Wisconsin factory after a phone call'],
      ['b', 'Latin dance classes cause early puberty in girls'],
      ['a', 'Foxconn CANCELLED the Wisconsin factory after a phone call, share!'],
      ['b', 'Latin dance classes cause early puberty in girls!!!'],
    ];
    const assigned = [];
    for (const [, text] of items)
      assigned.push(clusterer.assign(await claimFeatures(text, undefined)).clusterId);
    expect(assigned).toEqual(['c0', 'c1', 'c0', 'c1']);
    expect(
      clusteringQuality(
        items.map((i) => i[0]),
        assigned,
      ),
    ).toEqual({ purity: 1, splitRate: 0, clustersPerGroup: 1 });
    expect(clusteringQuality(['a', 'a', 'b'], ['x', 'y', 'y'])).toMatchObject({ splitRate: 0.5 });
  });

  it('chooses the lowest threshold whose false-match rate is within the limit', () => {
    const same = [0.9, 0.8, 0.7, 0.4];
    const different = [0.1, 0.2, 0.3, 0.6];
    expect(chooseThreshold(same, different, 0)).toEqual({
      threshold: 0.61,
      recall: 0.75,
      falseMatchRate: 0,
    });
    expect(chooseThreshold(same, different, 0.25).threshold).toBe(0.31);
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
  });

  it('answers above the automatic threshold, suggests between the two, stays out below', () => {
    const t = { auto: 0.6, suggest: 0.4 };
    const m = (score: number) => ({
      clusterId: 'c',
      similarity: { lexical: 0, embedding: 0, passages: 0, gloss: 0, cited: 0, figures: 0, score },
    });
    expect(decideCurated(m(0.6), t).kind).toBe('curated');
    expect(decideCurated(m(0.5), t).kind).toBe('suggest');
    expect(decideCurated(m(0.39), t).kind).toBe('none');
    expect(decideCurated(undefined, t).kind).toBe('none');
  });
});

describe('ask counts', () => {
  const now = 100 * HOUR;

  it('counts asks in the last hour, day and week and draws an hourly sparkline', () => {
    const times = [now - 10, now - 2 * HOUR, now - 30 * HOUR, now - 8 * 24 * HOUR, now + 5];
    expect(askCounts(times, now)).toEqual({ hour: 1, day: 2, week: 3, total: 5 });
    const line = sparkline(times, now);
    expect(line).toHaveLength(24);
    expect(line[23]).toBe(1);
    expect(line[21]).toBe(1);
    expect(line.reduce((a, b) => a + b, 0)).toBe(2);
  });

  it('ranks a sudden burst above steady chatter by growth, and by activity when asked', () => {
    const burst = { counts: askCounts([now - 1, now - 2, now - 3], now), lastAskedAt: now - 1 };
    const steady = {
      counts: askCounts(
        Array.from({ length: 24 }, (_, i) => now - i * HOUR - 1),
        now,
      ),
      lastAskedAt: now - 1,
    };
    expect(growth(burst.counts)).toBeGreaterThan(growth(steady.counts));
    expect([steady, burst].sort(compareGrowth)[0]).toBe(burst);
    expect([burst, steady].sort(compareActivity)[0]).toBe(burst);
  });
});

describe('cross-language forwards', () => {
  it('match a Chinese claim to its English forward through the English query', async () => {
    const english = await claimFeatures(
      'Strawberries are the dirtiest fruit, full of pesticide residue',
      undefined,
    );
    const chinese = await claimFeatures(
      '草莓是最脏的水果，农药残留多',
      undefined,
      'strawberry zui dirty fruit agricultural chemical residue duo',
    );
    const unrelated = await claimFeatures('Foxconn cancelled the Wisconsin factory', undefined);
    const same = claimSimilarity(chinese, english);
    expect(same.lexical).toBeGreaterThan(0.3);
    expect(same.score).toBeGreaterThan(claimSimilarity(chinese, unrelated).score + 0.2);
  });
});

// Clustering quality on the hand-written paraphrase groups (purity, split rates, false matches
// at the configured thresholds) is measured by bench/clustering.bench.ts.
