import { comparisonReversed, comparisons } from '../../src/verdict/stance/comparison.js';

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
  });

  it('tells a reversed ranking from the same one said again', () => {
    const claim = "Northport's exports grew faster than Eastvale's in the first half";
    expect(
      comparisonReversed(claim, 'In the first half Eastvale outpaced Northport in exports.'),
    ).toBe(true);
    expect(comparisonReversed(claim, "Eastvale's exports grew slower than Northport's.")).toBe(
      false,
    );
    expect(
      comparisonReversed(claim, "Northport's exports grew faster than those of Eastvale."),
    ).toBe(false);
    expect(comparisonReversed(claim, 'Northport and Eastvale both exported grain.')).toBe(false);
  });

  it('finds "than" a few words on and keeps a decimal inside its clause', () => {
    const claim = "Northport's port fees grew faster in real terms than Eastvale's.";
    const [c] = comparisons(claim);
    expect([...c!.lower]).toEqual(['eastval']);
    expect(
      comparisonReversed(
        claim,
        "Eastvale's port fees grew 2.5 percentage points faster than those of Northport.",
      ),
    ).toBe(true);
    expect(
      comparisonReversed(
        claim,
        "Northport's port fees grew 2.5 percentage points faster than those of Eastvale.",
      ),
    ).toBe(false);
  });
});
