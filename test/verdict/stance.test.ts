import { loadChineseTools } from '../../src/verdict/zh/dictionary.js';
import { translateChinese } from '../../src/verdict/zh/translate.js';
import {
  ADDITIVE,
  PARTIAL,
  RESTRICTIVE,
  debunksBeyond,
  negatesAny,
  negationCount,
  saysPart,
  withdrawsLeave,
} from '../../src/verdict/stance/cues.js';
import { stemWord } from '../../src/verdict/text/terms.js';
import { analyzeClaim } from '../../src/verdict/claim-analysis.js';
import {
  buildSentenceStore,
  reportsRumour,
  rumourWords,
} from '../../src/verdict/evidence/sentence-store.js';
import { judgeClaim } from '../../src/verdict/pipeline.js';
import { extractFeatures } from '../../src/verdict/model/features.js';
import type { JudgeSettings } from '../../src/verdict/stance/judge.js';
import type { Passage } from '../../src/types.js';

// A tiny knowledge base in the shapes the index hands over: a rumor inventory with a heading and
// a "Truth:" answer, and a news report with figures.
const source = 'inventory.txt';
const inventory = [
  'Bananas carry a flesh-eating virus.',
  'Recently a message claimed that bananas imported from abroad carry a flesh-eating virus.',
  'Truth: Experts said the rumor is not true and there is no scientific evidence that any virus in bananas harms people.',
];
const report = [
  'The harbour city opened 3 new bridges in March.',
  'The bridges cost 120 million yuan in total and carry 40,000 vehicles a day.',
  'The mayor said traffic jams fell by 30% after the opening.',
  'Every new bridge except the north bridge carries trams.',
];

// A rumor roundup's lead: rumors listed in running text, and called rumors just after.
const roundup = [
  'Tea dissolves teeth; Pigeons read paper maps; Rice makes children taller; Snow carries radio waves.',
  'In the past month these rumors spread online, so let us look at each of them.',
];

function passages(): Passage[] {
  const out: Passage[] = [];
  let offset = 0;
  const add = (docId: string, title: string, sentences: string[], section?: string) => {
    for (const text of sentences) {
      out.push({
        docId,
        title,
        source,
        start: offset,
        end: offset + text.length,
        text,
        ...(section ? { section } : {}),
      });
      offset += text.length + 2;
    }
  };
  add('inv', 'Rumor inventory', inventory, 'Bananas carry a flesh-eating virus.');
  add('news', 'Harbour city bridges', report);
  add('roundup', 'Glowing bananas? May rumors', roundup);
  return out;
}

const settings: JudgeSettings = {
  topic: 0.4,
  support: 0.5,
  refute: 0.45,
  rumorHeading: 0.5,
  examine: 12,
};
const store = buildSentenceStore(passages());

/** A store of one-sentence documents, [docId, title, text] each, laid end to end. */
function storeOf(docs: [string, string, string][]) {
  let offset = 0;
  return buildSentenceStore(
    docs.map(([docId, title, text]) => {
      const passage = { docId, title, source, start: offset, end: offset + text.length, text };
      offset += text.length + 2;
      return passage;
    }),
  );
}
const verdictOf = (claim: string) =>
  judgeClaim(store, analyzeClaim(claim, 'en', false), [], settings).judgement;

describe('stance and verdict', () => {
  it('refutes a claim that restates a rumor answered by a "Truth:" paragraph, citing the answer', () => {
    const j = verdictOf('Imported bananas carry a flesh-eating virus');
    expect(j.verdict).toBe('REFUTED');
    expect(j.evidence[0]!.sentence.text).toMatch(/^Truth:/);
  });

  it('never supports a claim from a list of rumors, which reports them without asserting them', () => {
    const j = verdictOf('Tea dissolves teeth.');
    expect(j.verdict).not.toBe('SUPPORTED');
    const listed = j.ranked.find((e) => e.sentence.text.startsWith('Tea dissolves'));
    expect(listed?.reasons).toContain('rumor-statement');
  });

  it('reads a post or video said to circulate as a rumour the text reports, and its answer', () => {
    const notice = storeOf([
      [
        'n',
        'Ferry notice',
        'Since Tuesday a message has been widely shared on messaging apps claiming that the Orsk ferry will stop running in May.',
      ],
      ['n', 'Ferry notice', 'The message is false.'],
      ['n', 'Ferry notice', 'The ferry will keep to its timetable all year.'],
    ]);
    const j = judgeClaim(
      notice,
      analyzeClaim('The Orsk ferry will stop running in May!', 'en', false),
      [],
      settings,
    ).judgement;
    expect(j.verdict).toBe('REFUTED');
    expect(j.rumorAnswered).toBe(true);
    // Who posts it, or where it goes round, tells a rumour from a company's or an official's word.
    const said = (text: string) => {
      const s = { text } as Parameters<typeof reportsRumour>[0];
      return reportsRumour(s) ? rumourWords(s) : undefined;
    };
    expect(said('近日，有网民在短视频平台发布视频称：“石岚区下月起所有公园收费”，引发关注。')).toBe(
      '石岚区下月起所有公园收费',
    );
    expect(said('消息称，“全区渡轮明天停运”。')).toBe('全区渡轮明天停运');
    expect(said('公司发布公告称，“本年度营收增长12%”。')).toBeUndefined();
    expect(said('A video circulating online claims that the bridge will shut for a year.')).toBe(
      'the bridge will shut for a year',
    );
    expect(said('In a message to staff, the chair said that pay would rise.')).toBeUndefined();
  });

  it('reads a claim’s negation and the sentence’s own negation of it in other words as one', () => {
    const rules = storeOf([
      [
        'd',
        'Colourings',
        'Velarin Red is a colouring in Orsk that, under rules adopted last spring, is no longer allowed.',
      ],
    ]);
    const judge = (claim: string) =>
      judgeClaim(rules, analyzeClaim(claim, 'en', false), [], settings).judgement.ranked[0]!;
    // The sentence's negation is far from every word the claim says; the claim's is on them.
    expect(judge('Velarin Red is not a permitted colouring in Orsk.').signals).toMatchObject({
      negationMismatch: false,
    });
  });

  it('counts a claim’s negation only on a word the sentence says', () => {
    const rumour = storeOf([
      [
        'd',
        'Ferries',
        'A rumour that Eastgate ferries will be free is untrue; no free ferries are planned.',
      ],
    ]);
    const judge = (claim: string) =>
      judgeClaim(rumour, analyzeClaim(claim, 'en', false), [], settings).judgement.ranked[0]!;
    // "no longer pay" negates nothing the sentence says: the sentence denies the free ferries.
    const free = judge('Eastgate ferries will be free, and riders will no longer pay.');
    expect(free.signals).toMatchObject({ negationMismatch: true, debunks: true });
    // A claim denying what the sentence denies is no mismatch.
    const denied = judge('Eastgate ferries will not be free.');
    expect(denied.signals).toMatchObject({ negationMismatch: false, debunks: false });
    // So does the model's feature for a negated claim.
    const negated = (text: string) => {
      const claim = analyzeClaim(text, 'en', false);
      const { weights, judgement } = judgeClaim(rumour, claim, [], settings);
      return extractFeatures({ claim, weights, judgement, store: rumour }).claim_negated;
    };
    expect(negated('Eastgate ferries will be free, and riders will no longer pay.')).toBe(0);
    expect(negated('Eastgate ferries will not be free.')).toBe(1);
  });

  it('reads a plan against a claim that something is done only when it is about the claim', () => {
    const doc = (text: string) => storeOf([['d', 'Bridges', text]]);
    const claim = analyzeClaim('The Eastgate bridge has already opened.', 'en', false);
    const signals = (text: string) =>
      judgeClaim(doc(text), claim, [], settings).judgement.ranked[0]!.signals!;
    expect(signals('The Eastgate bridge will open in May.').doneVsPlanned).toBe(true);
    // What is to come is another thing: the bridge opened.
    const other = signals(
      'The Eastgate bridge opened in May; a second pier will follow next year.',
    );
    expect(other.doneVsPlanned).toBe(false);
  });

  it('supports a claim whose words and figures the evidence states', () => {
    const j = verdictOf('The harbour city bridges carry 40,000 vehicles a day.');
    expect(j.verdict).toBe('SUPPORTED');
    expect(j.evidence[0]!.sentence.text).toContain('40,000 vehicles');
  });

  it('refutes a claim whose figure differs from the same quantity in the evidence', () => {
    const j = verdictOf('The harbour city bridges carry 90,000 vehicles a day.');
    expect(j.verdict).toBe('REFUTED');
    expect(j.reasons).toContain('number-conflict');
  });

  it('refutes an average that two neighbouring sentences compute otherwise, showing the arithmetic', () => {
    const j = verdictOf(
      'The 3 new harbour city bridges, 120 million yuan in all, cost 60 million yuan each.',
    );
    expect(j.verdict).toBe('REFUTED');
    expect(j.computations).toContain('120,000,000 ÷ 3 = 40,000,000');
  });

  it('reads figures up to two sentences from the sentence for the arithmetic of a figure the sentence lacks', () => {
    // Invented: the count of piers is told two sentences before their cost.
    const piers = storeOf([
      ['piers', 'Eastvale piers', 'Eastvale opened 4 ferry piers in May.'],
      ['piers', 'Eastvale piers', 'Work on them began in the spring of the year before.'],
      ['piers', 'Eastvale piers', 'Together the piers cost 48 million yuan.'],
    ]);
    const claim = analyzeClaim(
      'Each of the 4 Eastvale ferry piers cost 12 million yuan.',
      'en',
      false,
    );
    const j = judgeClaim(piers, claim, [], settings).judgement;
    expect(j.computations).toContain('48,000,000 ÷ 4 = 12,000,000');
  });

  it('keeps a figure the sentence denies against arithmetic its neighbours allow by chance', () => {
    // Invented: 380 ÷ (1 − 15%) is 447, near the claim's 440; the sentence says 450.
    const subsidy = storeOf([
      [
        's',
        'Eastvale fares',
        "Eastvale's ferry pass grant went up from 380 yuan to 450 yuan a month.",
      ],
      ['s', 'Eastvale fares', 'Pensioners get an extra 15%.'],
    ]);
    const claim = analyzeClaim(
      "Eastvale's ferry pass grant went up to 440 yuan a month.",
      'en',
      false,
    );
    const j = judgeClaim(subsidy, claim, [], settings).judgement;
    expect(j.reasons).toContain('number-conflict');
    expect(j.computations.join(' ')).not.toContain('447');
  });

  it('reads a rate in the next sentence as no rise of a figure in this one', () => {
    // Invented: offsets counted in each sentence put the 5.2% beside the 31,460 (× 1.052 = 33,096).
    const incomes = storeOf([
      ['i', 'Eastvale takings', 'Ferry takings per head in Eastvale reached 31,460 yuan.'],
      ['i', 'Eastvale takings', 'Bus takings per head grew 5.2%.'],
    ]);
    const claim = analyzeClaim(
      'Ferry takings per head in Eastvale reached 33,100 yuan.',
      'en',
      false,
    );
    const j = judgeClaim(incomes, claim, [], settings).judgement;
    expect(j.ranked[0]!.numbers[0]).toMatchObject({ status: 'conflict' });
    expect(j.computations.join(' ')).not.toContain('1.052');
  });

  it('supports a fact the claim gives to the document or a writer: such words count little', () => {
    // Texts rarely name themselves: "an essay argued" adds nothing the sentence must say.
    const claim =
      'An essay by a columnist argued that the mayor said traffic jams fell after the opening.';
    expect(verdictOf(claim).verdict).toBe('SUPPORTED');
    const terms = analyzeClaim(claim, 'en', false).terms;
    expect(terms.find((t) => t.label === 'argued')?.scale).toBeLessThan(1);
    expect(terms.find((t) => t.label === 'traffic')?.scale).toBe(1);
    const reported = analyzeClaim('The port reported 40 ferry crossings.', 'en', false).terms;
    expect(reported.find((t) => t.label === 'reported')?.scale).toBeLessThan(1);
  });

  it('does not support a near miss: same entities, a fact the evidence never states', () => {
    expect(verdictOf('The harbour city bridges were designed by a French architect.').verdict).toBe(
      'NOT_ENOUGH_INFO',
    );
  });

  it('answers NOT_ENOUGH_INFO for a topic the documents never address', () => {
    expect(verdictOf('Penguins in Antarctica learned to use smartphones.').verdict).toBe(
      'NOT_ENOUGH_INFO',
    );
  });

  it('refutes a claim of totality that the text makes with an exception', () => {
    const j = verdictOf('Every new bridge in the harbour city carries trams.');
    expect(j.verdict).toBe('REFUTED');
    expect(j.reasons).toContain('absolute-vs-partial');
    expect(verdictOf('The new bridges except the north one carry trams.').verdict).not.toBe(
      'REFUTED',
    );
  });

  it('refutes a negated restatement through the negation signal', () => {
    const j = verdictOf('The harbour city did not open any new bridges in March.');
    expect(j.verdict).toBe('REFUTED');
  });
});

describe('negation cues', () => {
  const count = negationCount;

  it('reads negations said without "not" and leaves numbers and bounds alone', () => {
    // Invented sentences: each a negation without "not", or a "no"/"not" that negates nothing.
    expect(count('The ferry has yet to reach full service.')).toBe(1);
    expect(count('Trucks are barred from the old bridge.')).toBe(1);
    expect(count('The fund pays engineers rather than managers.')).toBe(1);
    expect(count('It was issued as Council Order No. 512 last spring.')).toBe(0);
    expect(count('Each household may trade in items that do not exceed four.')).toBe(0);
    expect(count('Tickets cost not more than 30 yuan.')).toBe(0);
    expect(count('The ferry does not run on Sundays.')).toBe(1);
    expect(count('The yard failed to meet its hiring target.')).toBe(1);
  });

  it('reads "only" said of a thing, not of a figure, and a text that adds more to it', () => {
    expect(RESTRICTIVE.test('The tool is used only in the harbour office.')).toBe(true);
    expect(RESTRICTIVE.test('The crossing takes only 12 minutes.')).toBe(false);
    expect(ADDITIVE.test('It is used not only in the harbour office but also in clinics.')).toBe(
      true,
    );
    expect(analyzeClaim('The tool is ONLY used in schools.', 'en', false).isRestrictive).toBe(true);
  });

  it('reads an antonym in a claim word’s place, but not a rank, one the claim says too, or a negated one', () => {
    const mini = storeOf([
      ['f', 'Firms', 'Public firms won 12 harbour contracts.'],
      ['g', 'Grants', 'Non-public firms won 9 ferry contracts in the second round.'],
    ]);
    // Whether the sentence of document `doc` puts the antonym in the claim word's place.
    const swapped = (claim: string, word: string, antonym: string, doc: string) => {
      const a = analyzeClaim(claim, 'en', false);
      const terms = a.terms.map((t) => (t.label === word ? { ...t, antonyms: [antonym] } : t));
      return judgeClaim(mini, { ...a, terms }, [], settings).judgement.ranked.find(
        (r) => r.sentence.docId === doc,
      )?.signals?.antonymSwap;
    };
    expect(swapped('Private firms won 12 harbour contracts.', 'Private', 'public', 'f')).toBe(true);
    expect(swapped('Private firms won 9 ferry contracts.', 'Private', 'public', 'g')).toBe(false);
    expect(
      swapped('Private and public firms won 12 harbour contracts.', 'Private', 'public', 'f'),
    ).toBe(false);
    expect(swapped('Firms won 9 ferry contracts in the first round.', 'first', 'second', 'g')).toBe(
      false,
    );
    // A new thing beside an old one is which one, not what it is like.
    const trade = storeOf([['t', 'Trade-in', 'Buyers hand in an old kettle for a subsidy.']]);
    const a = analyzeClaim('Buyers of a new kettle get a subsidy.', 'en', false);
    const terms = a.terms.map((t) => (t.label === 'new' ? { ...t, antonyms: ['old'] } : t));
    expect(
      judgeClaim(trade, { ...a, terms }, [], settings).judgement.ranked[0]?.signals?.antonymSwap,
    ).toBe(false);
  });

  it('reads a partial statement in "only a few", not in "depends only on" or "a few days ago"', () => {
    expect(PARTIAL.test('Only a few of the ferries carry bicycles.')).toBe(true);
    expect(PARTIAL.test('Only 3 of the 12 quays were dredged.')).toBe(true);
    expect(PARTIAL.test('Whether it pays depends only on the fare.')).toBe(false);
    expect(PARTIAL.test('A few days ago the ferry resumed service.')).toBe(false);
  });

  it('reads part of a whole counted out, in English and Chinese', () => {
    expect(saysPart('Ferries call at 7 of the 10 quays.')).toBe(true);
    expect(saysPart('全镇10个渡口中有7个实行夜间停航。')).toBe(true);
    expect(saysPart('部分渡口实行夜间停航。')).toBe(true);
    // All of them, and the greater part (大部分 is a majority, read elsewhere), are no part.
    expect(saysPart('Ferries call at 10 of the 10 quays.')).toBe(false);
    expect(saysPart('大部分渡口实行夜间停航。')).toBe(false);
  });

  it('reads a sentence about another of a sequence as giving that one’s figures, not the claim’s', () => {
    // Invented: two phases of a harbour project, each with its own year.
    const mini = storeOf([
      ['h', 'Harbour', 'The second phase of the harbour will open in 2029.'],
      ['k', 'Quay', 'The quay ranked second in 2025.'],
    ]);
    const statuses = (claim: string, doc: string) =>
      judgeClaim(mini, analyzeClaim(claim, 'en', false), [], settings)
        .judgement.ranked.find((r) => r.sentence.docId === doc)
        ?.numbers.map((n) => n.status);
    expect(statuses('The first phase of the harbour will open in 2027.', 'h')).toEqual(['missing']);
    expect(statuses('The second phase of the harbour will open in 2027.', 'h')).toEqual([
      'conflict',
    ]);
    // "First in" places nothing in a sequence: a rank against a rank still conflicts.
    expect(statuses('The quay ranked first in 2025.', 'k')).toContain('conflict');
  });

  it('counts an antonym only in a sentence that says about as much of the claim as the best one', () => {
    const mini = storeOf([
      [
        'p',
        'Ports',
        'Public ports in the harbour city won 12 ferry contracts and 4 dredging contracts.',
      ],
      ['q', 'Quays', 'Private quays won contracts.'],
    ]);
    const analysed = analyzeClaim(
      'Public ports in the harbour city won 12 ferry contracts.',
      'en',
      false,
    );
    const claim = {
      ...analysed,
      terms: analysed.terms.map((t) => (t.label === 'Public' ? { ...t, antonyms: ['privat'] } : t)),
    };
    const { weights, judgement } = judgeClaim(mini, claim, [], settings);
    // The other sentence does put "private" in "public"'s place, but says little else of the claim.
    const quays = judgement.ranked.find((r) => r.sentence.docId === 'q');
    expect(quays?.signals?.antonymSwap).toBe(true);
    expect(extractFeatures({ claim, weights, judgement, store: mini }).antonym).toBe(0);
  });

  it('reads debunking words the claim does not use itself as the text debunking it', () => {
    // Invented: a claim about a rumor-checking desk, and a text about its rumor reports.
    const claim = 'The ferry rumor desk got 300 more rumour reports in May than in April.';
    expect(debunksBeyond(claim, 'In May the desk received 900 rumor reports.')).toBe(false);
    expect(debunksBeyond(claim, 'The claim that the desk got more reports is false.')).toBe(true);
    expect(debunksBeyond('Ferries run at night.', 'That ferries run at night is a rumour.')).toBe(
      true,
    );
    // A Chinese claim's "辟谣" (refuting rumours) is read in its rendering too.
    expect(debunksBeyond('辟谣平台 refute a rumor platform', 'It received rumour reports.')).toBe(
      false,
    );
  });

  it('reads "lack of" as a negation, and a denied denial or an exception as none', () => {
    expect(count('The estate had a lack of parking and lighting.')).toBe(1);
    // "Shall not prevent" allows; "except in floods ... not used" says when it is used.
    expect(count('Shops shall not prevent members from using their vouchers.')).toBe(0);
    expect(count('Except in floods, the reserve tanks shall not be opened.')).toBe(0);
    expect(count('The tanks shall not be opened; except in floods, the gates stay shut.')).toBe(1);
    // "Declined to" denies; "does not affect" says a thing stays as it is.
    expect(count('The board declined to approve the ferry fares.')).toBe(1);
    // "Refuses" denies with an object as with "to": "refuses refunds" is "refuses to refund".
    expect(count('A shop that refuses refunds is fined.')).toBe(1);
    expect(count('A shop that refuses to refund vouchers is fined.')).toBe(1);
    expect(count('The ferry firm’s refusal of cash fares drew complaints.')).toBe(1);
    expect(count('The fare rise does not affect the members’ right to a discount.')).toBe(0);
    // "X rather than Y" denies Y only.
    const said = (w: string) => new Set([stemWord(w)]);
    const ferries = 'Ferries sailed north rather than to the south quay.';
    expect(negatesAny(ferries, said('ferries'), stemWord)).toBe(false);
    expect(negatesAny(ferries, said('south'), stemWord)).toBe(true);
    // "Nor shall they restrict" allows, as "shall not restrict" does.
    expect(count('Shops shall not restrict vouchers, nor shall they restrict discounts.')).toBe(0);
  });

  it('reads a ban, a duty or a cap as taking back leave the claim gives, on the claim’s words', () => {
    // Invented: the claim's words the text says, as the judge passes them.
    const said = (words: string) => new Set(words.split(' ').map(stemWord));
    const takesBack = (claim: string, text: string, words: string) =>
      withdrawsLeave(claim, text, said(words), stemWord);
    expect(
      takesBack(
        'Ferry firms are exempt from registering their boats.',
        'Ferry firms must register their boats with the harbour office.',
        'ferry firms register boats',
      ),
    ).toBe(true);
    expect(
      takesBack(
        'Members may bring an unlimited number of guests to the pool.',
        'Each member may bring no more than three guests to the pool.',
        'member guests pool',
      ),
    ).toBe(true);
    expect(
      takesBack(
        'Does the plan allow untreated sludge that fails the test to be spread on farms?',
        'It is forbidden to spread sludge that does not pass the test on farms.',
        'sludge spread farms test',
      ),
    ).toBe(true);
    // The claim takes the leave back itself; the text gives it too; the duty is about other words.
    expect(
      takesBack(
        'Boats are not allowed in the harbour at night.',
        'Boats are prohibited in the harbour at night.',
        'boats harbour night',
      ),
    ).toBe(false);
    expect(
      takesBack(
        'Small boats are exempt from the fee.',
        'Small boats are exempt from the fee, but crews must wear life jackets.',
        'small boats fee',
      ),
    ).toBe(false);
    expect(
      takesBack(
        'Ferry firms are exempt from registering their boats.',
        'Passengers must show a ticket.',
        'ferry firms register boats',
      ),
    ).toBe(false);
    // "Whether or not" asks no question of polarity.
    expect(count('Anyone, whether or not they live in the city, can ride the ferry.')).toBe(0);
  });

  it('reads a Chinese A-not-A question, a bound and an "anti-" name as no negation', async () => {
    const tools = await loadChineseTools();
    const negations = (text: string) => translateChinese(text, tools).negations;
    expect(negations('修不修桥只看成本。')).toBe(0);
    expect(negations('罚款不超过5万元。')).toBe(0);
    expect(negations('依照反不正当竞争法处理。')).toBe(0);
    expect(negations('他不修桥。')).toBeGreaterThan(0);
  });

  it('counts a Chinese "rather than" and a ban as negations of the claim', async () => {
    const tools = await loadChineseTools();
    const negations = (text: string) => translateChinese(text, tools).negations;
    expect(negations('工厂禁止排放废水。')).toBeGreaterThan(0);
    expect(negations('这笔钱用于工程师而非经理。')).toBeGreaterThan(0);
    expect(negations('这笔钱用于工程师和经理。')).toBe(0);
  });

  it('reads a Chinese exception with a negation (除…外，不得) as a restriction, not a denial', async () => {
    const tools = await loadChineseTools();
    const claimNegations = (text: string) =>
      analyzeClaim(text, 'zh', false, translateChinese(text, tools)).negations;
    expect(claimNegations('除洪水年份外，不得打开储备水箱。')).toBe(0);
    expect(claimNegations('不得打开储备水箱。')).toBeGreaterThan(0);
  });
});

describe('figures told beside the sentence', () => {
  /** The claim's figures as read against the sentence of the text that starts with `lead`. */
  const numbersOf = (text: string, claim: string, lead: string) =>
    judgeClaim(
      storeOf([['d', 'Ardlow output', text]]),
      analyzeClaim(claim, 'en', false),
      [],
      settings,
    )
      .judgement.ranked.find((j) => j.sentence.text.startsWith(lead))!
      .numbers.map((n) => [n.status, n.computation]);

  it('reads a share against the whole told in the sentence before, not a ratio of the sentence’s own figures', () => {
    const text =
      'Ardlow Mills made 7,300 tonnes of flour in the first half. Exports of flour accounted for 2,190 tonnes, and rail shipments of flour reached 251 tonnes.';
    const claim =
      'Exports accounted for roughly 30% of the flour Ardlow Mills made in the first half.';
    // Not 251 ÷ 2,190 = 11.5%: the whole is the sentence before's.
    expect(numbersOf(text, claim, 'Exports')).toEqual([['derived', '2,190 ÷ 7,300 = 30']]);
  });

  it('works out a precise figure from the sentences around rather than denying it by one figure', () => {
    const text =
      'Ardlow Mills was ordered to recall 4,739 boxes of flour. By May 8, 4,292 boxes had been recalled.';
    expect(
      numbersOf(text, 'Ardlow Mills still has 447 boxes of flour left to recall.', 'Ardlow'),
    ).toContainEqual(['derived', '4,739 − 4,292 = 447']);
  });

  it('keeps a relation in words settled by the figures its sentence relates', () => {
    const text =
      'Eastvale imported 10 cases, 6 from Ardlow and 4 from Corvane. Two of the Ardlow cases were children.';
    const claim = 'Eastvale imported three times as many cases from Ardlow as from Corvane.';
    expect(numbersOf(text, claim, 'Eastvale')[0]?.[0]).toBe('conflict');
  });
});
