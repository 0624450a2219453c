import {
  changeReversed,
  chineseComparisonRank,
  comparisonRank,
  comparisons,
  directionReversed,
  figuresRank,
  levelsDirection,
  statedDirection,
} from '../../src/verdict/stance/comparison.js';
import { extractQuantities } from '../../src/verdict/numbers/quantity.js';
import { stemWord } from '../../src/verdict/text/terms.js';

describe('comparisons: which side a text puts higher', () => {
  it('reads "A <more> than B" and "A <less> than B" as opposite rankings', () => {
    const [up] = comparisons("Northport's exports grew faster than Eastvale's.");
    const [down] = comparisons("Northport's exports grew slower than Eastvale's.");
    expect([...up!.higher]).toContain('northport');
    expect([...up!.lower]).toEqual(['eastval']);
    expect([...down!.higher]).toEqual(['eastval']);
  });

  it('leaves bounds on figures alone', () => {
    expect(comparisons('More than 200 stalls opened.')).toEqual([]);
    expect(comparisons('Northport output grew more than 200 tonnes.')).toEqual([]);
    expect(comparisons('Card payment is more than five times as fast as cash.')).toEqual([]);
  });

  it('tells a reversed ranking from the same one said again', () => {
    const claim = "Northport's exports grew faster than Eastvale's in the first half";
    expect(comparisonRank(claim, 'In the first half Eastvale outpaced Northport in exports.')).toBe(
      'reversed',
    );
    expect(comparisonRank(claim, "Eastvale's exports grew slower than Northport's.")).not.toBe(
      'reversed',
    );
    expect(
      comparisonRank(claim, "Northport's exports grew faster than those of Eastvale."),
    ).not.toBe('reversed');
    expect(comparisonRank(claim, 'Northport and Eastvale both exported grain.')).not.toBe(
      'reversed',
    );
  });

  it('finds "than" a few words on and keeps a decimal inside its clause', () => {
    const claim = "Northport's port fees grew faster in real terms than Eastvale's.";
    const [c] = comparisons(claim);
    expect([...c!.lower]).toEqual(['eastval']);
    expect(
      comparisonRank(
        claim,
        "Eastvale's port fees grew 2.5 percentage points faster than those of Northport.",
      ),
    ).toBe('reversed');
    expect(
      comparisonRank(
        claim,
        "Northport's port fees grew 2.5 percentage points faster than those of Eastvale.",
      ),
    ).not.toBe('reversed');
  });
});

describe('comparisons settled by the figures a sentence gives', () => {
  const counts = 'Northport reported 50 cases and Eastvale 80 cases.';

  it('finds a ranking the figures turn round, and not one they agree with', () => {
    expect(figuresRank('Northport had more cases than Eastvale.', counts)).toBe('reversed');
    expect(figuresRank('Northport had fewer cases than Eastvale.', counts)).not.toBe('reversed');
    expect(
      figuresRank(
        'Riverside recorded more bus trips than tram trips in May.',
        'In May Riverside counted 420 bus trips and 1,900 tram trips.',
      ),
    ).toBe('reversed');
  });

  it('ranks two sides’ changes, not their levels, for a claim that one grew faster', () => {
    const text =
      'Ferry trips were 14.2 million, up 3.4%, and bus trips were 22.5 million, up 1.3%.';
    expect(figuresRank('Ferry trips grew faster than bus trips.', text)).not.toBe('reversed');
    expect(figuresRank('Bus trips grew faster than ferry trips.', text)).toBe('reversed');
    expect(figuresRank('Bus trips were more numerous than ferry trips.', text)).not.toBe(
      'reversed',
    );
    expect(figuresRank('Ferry trips were more numerous than bus trips.', text)).toBe('reversed');
  });

  it('compares figures of what the claim counts, not other counts beside them', () => {
    const text =
      'The three harbour depots can store about 9,000 crates, and 4,000 crates have been stored in each inland depot.';
    expect(
      figuresRank('The inland depots stored more crates than the three harbour depots.', text),
    ).toBe('reversed');
    expect(
      figuresRank('The inland depots stored fewer crates than the harbour depots.', text),
    ).not.toBe('reversed');
  });

  it('says a ranking the figures or words agree with is the same, apart from one they turn round', () => {
    expect(figuresRank('Northport had fewer cases than Eastvale.', counts)).toBe('same');
    expect(figuresRank('Northport had more cases than Eastvale.', counts)).toBe('reversed');
    // The verb before the comparative is both sides', though the text says it of one figure.
    const depots = 'The east depot handled 41,200 parcels and the west depot 38,900 parcels.';
    expect(figuresRank('The west depot handled fewer parcels than the east depot.', depots)).toBe(
      'same',
    );
    expect(figuresRank('The west depot handled more parcels than the east depot.', depots)).toBe(
      'reversed',
    );
    expect(figuresRank('Northport had more cases than Eastvale.', 'There were 50 cases.')).toBe(
      undefined,
    );
    const claim = "Northport's exports grew faster than Eastvale's";
    expect(comparisonRank(claim, "Eastvale's exports grew slower than Northport's.")).toBe('same');
    expect(comparisonRank(claim, 'Eastvale outpaced Northport in exports.')).toBe('reversed');
    expect(comparisonRank(claim, 'Northport and Eastvale both exported grain.')).toBe(undefined);
  });

  it('ranks a Chinese comparison against its word or its opposite with the sides swapped', () => {
    const text = '东港今年建成码头12个，比西港多3个。';
    expect(chineseComparisonRank('东港建成的码头比西港多。', text)).toBe('same');
    expect(chineseComparisonRank('西港建成的码头比东港少。', text)).toBe('same');
    expect(chineseComparisonRank('西港建成的码头比东港多。', text)).toBe('reversed');
    expect(chineseComparisonRank('东港建成的码头比西港少。', text)).toBe('reversed');
    expect(chineseComparisonRank('东港建成的码头比西港早。', text)).toBe(undefined);
  });

  it('decides nothing when one figure names both sides or none', () => {
    expect(figuresRank('Northport had more cases than Eastvale.', 'There were 50 cases.')).not.toBe(
      'reversed',
    );
    expect(
      figuresRank('Northport had more cases than Eastvale.', 'Both reported 50 and 80 cases.'),
    ).not.toBe('reversed');
  });
});

describe('the way a text’s own levels say a thing went', () => {
  const words = (t: string) => new Set(t.toLowerCase().split(/\W+/).map(stemWord));
  const way = (claim: string, text: string) =>
    levelsDirection(extractQuantities(text), words(claim));

  it('reads a level against the earlier one it is compared with, and a rank the other way round', () => {
    const lamps = 'During the year 4,120 lamps were replaced, compared with 3,870 in 2030.';
    expect(way('More lamps were replaced than the year before', lamps)).toBe('up');
    expect(
      way('The kiln fell to 31st from 18th in the table', 'The kiln ranked 31st, down from 18th.'),
    ).toBe('down');
    expect(
      way('The park moved up the table', 'The park ranked 4th in 2031, up from 9th in 2030.'),
    ).toBe('up');
  });

  it('lets the levels of what the claim names decide, and says nothing of levels both ways', () => {
    const text = 'Lamps replaced fell to 3,100 from 3,870, while poles rose to 420 from 400.';
    expect(way('Fewer lamps were replaced', text)).toBe('down');
    expect(way('More poles were put up', text)).toBe('up');
    expect(way('Work went up', text)).toBeUndefined();
    expect(way('More lamps were replaced', 'Kilnby replaced 4,120 lamps.')).toBeUndefined();
  });
});

describe('changes of state: from one thing to another', () => {
  const text = 'The council switched its permits from paper forms to online forms, and cut fees.';

  it('finds a change told the other way round, with "from ... to" or "away from ... toward"', () => {
    expect(
      changeReversed('The council moved permits from online forms to paper forms.', text),
    ).toBe(true);
    expect(
      changeReversed(
        'Did the council move permits away from online forms back toward paper forms?',
        text,
      ),
    ).toBe(true);
  });

  it('leaves a change told the same way, and figures, alone', () => {
    expect(changeReversed('Permits went from paper forms to online forms.', text)).toBe(false);
    expect(changeReversed('Fees went from 30 to 20 yuan.', 'Fees went from 20 to 30 yuan.')).toBe(
      false,
    );
  });
});

describe('changes told the other way: a rise against a fall of the same thing', () => {
  it('finds a rise said where the text says a fall, of what both name before the verb', () => {
    expect(
      directionReversed(
        'Ferry fares increased last year.',
        'Ferry fares fell by a sixth last year.',
      ),
    ).toBe(true);
    expect(
      directionReversed(
        'Use of the harbour car parks went up by a tenth.',
        'Use of the car parks dropped by a tenth, to a new low.',
      ),
    ).toBe(true);
  });

  it('leaves alone the same way, both ways, a negated change, and another thing changing', () => {
    expect(directionReversed('Ferry fares rose.', 'Ferry fares climbed by a sixth.')).toBe(false);
    expect(directionReversed('Ferry fares rose.', 'Ferry fares rose while bus fares fell.')).toBe(
      false,
    );
    expect(directionReversed('Ferry fares fell.', 'Ferry fares did not fall.')).toBe(false);
    expect(directionReversed('Ferry fares rose.', 'Passenger numbers fell by a sixth.')).toBe(
      false,
    );
  });
});

describe('the way a text says a figure went, read loosely for the model', () => {
  it('reads a rise or a fall in English verbs, comparatives and "up from" / "down by"', () => {
    expect(statedDirection('Kiln orders shot up this spring.')).toBe('up');
    expect(statedDirection('The canal carried 40 barges, up from 31.')).toBe('up');
    expect(statedDirection('Rangers logged 12 rescues, down from 19 a year earlier.')).toBe('down');
    expect(statedDirection('Fewer ferries ran on Sundays.')).toBe('down');
  });

  it('reads Chinese words of a rise or a fall', () => {
    expect(statedDirection('全年客运量增至48万人次')).toBe('up');
    expect(statedDirection('投诉件数同比下降12%')).toBe('down');
    expect(statedDirection('门票价格低于去年')).toBe('down');
    expect(statedDirection('今年岛上的渡轮班次比去年少')).toBe('down');
    expect(statedDirection('东区建成的站点比西区更多')).toBe('up');
    // 比例 is a word of its own, not "than".
    expect(statedDirection('女性占比例为12%，较大')).toBeUndefined();
  });

  it('reads moving up or down a table as a rise or a fall', () => {
    expect(statedDirection('The kiln museum moved up the regional visitor table.')).toBe('up');
    expect(statedDirection('Kilnby moves down two places.')).toBe('down');
  });

  it('says neither when a text says both ways or no way', () => {
    expect(statedDirection('Fares rose while ridership fell.')).toBeUndefined();
    expect(statedDirection('The museum opened in March.')).toBeUndefined();
    expect(statedDirection('收入增长但利润下降')).toBeUndefined();
  });

  it('reads "more ... than" and "less ... than" as the two ways, bounds and "no longer" as neither', () => {
    expect(statedDirection('Kilnby sold more pots in 2031 than the year before.')).toBe('up');
    expect(statedDirection('Kilnby sold less clay in 2031 than in 2030.')).toBe('down');
    expect(statedDirection('Pot sales slipped 3% to 2.6 million.')).toBe('down');
    expect(statedDirection('The kiln margin narrowed to 4.2% from 4.9%.')).toBe('down');
    expect(statedDirection('More than 200 stalls opened.')).toBeUndefined();
    expect(statedDirection('The ferry no longer stops at Kilnby.')).toBeUndefined();
  });
});
