import { handoverReversed, rolesSwapped, speakerSwapped } from '../../src/verdict/stance/roles.js';

describe('roles: two named parties given each other’s roles', () => {
  const text =
    'Ada Lin, Chairman of Harbour Rail, and Bo Chen, Dean of the Transport Institute, opened the new line.';

  it('finds titles swapped between two names, in apposition or after "as"', () => {
    expect(
      rolesSwapped(
        'Bo Chen, chairman of Harbour Rail, and Ada Lin, dean of the transport institute, opened the line.',
        text,
      ),
    ).toBe(true);
    expect(
      rolesSwapped(
        'At the opening, Bo Chen appeared as Harbour Rail’s chairman and Ada Lin as dean of its transport institute.',
        text,
      ),
    ).toBe(true);
  });

  it('leaves the roles as the text gives them, and a single name, alone', () => {
    expect(
      rolesSwapped(
        'Ada Lin, chairman of Harbour Rail, and Bo Chen, dean of the transport institute, opened the line.',
        text,
      ),
    ).toBe(false);
    expect(rolesSwapped('Bo Chen, chairman of Harbour Rail, opened the line.', text)).toBe(false);
  });

  it('reads months and function words as no party', () => {
    expect(
      rolesSwapped(
        'Will the March timetable start in May?',
        'The May timetable, drawn up in March, starts on Monday.',
      ),
    ).toBe(false);
  });

  it('needs the swap both ways: one party’s words said of the other is not enough', () => {
    // A buyer and a seller told from the other side: the same deal, no swap.
    expect(
      rolesSwapped(
        'Harbour Rail bought the depot from Eastvale Council.',
        'Eastvale Council sold the depot to Harbour Rail.',
      ),
    ).toBe(false);
  });

  it('reads a deal told the other way round as a handing-over reversed', () => {
    // Invented parties: the seller and the buyer swapped, with a bracketed aside and a decimal.
    expect(
      handoverReversed(
        'Harbour Rail sold a 12.5% stake in the depot to Eastvale Council.',
        'Eastvale Council (EVC.L) said it had transferred 12.5% of the depot to Harbour Rail Group.',
      ),
    ).toBe(true);
    expect(
      handoverReversed(
        'Harbour Rail bought the depot from Eastvale Council.',
        'Harbour Rail sold the depot to Eastvale Council.',
      ),
    ).toBe(true);
    // The same deal told from the other side, and a deal with a third party.
    expect(
      handoverReversed(
        'Harbour Rail bought the depot from Eastvale Council.',
        'Eastvale Council sold the depot to Harbour Rail.',
      ),
    ).toBe(false);
    expect(
      handoverReversed(
        'Harbour Rail bought the depot from Eastvale Council.',
        'Harbour Rail bought the depot from Northgate Bank.',
      ),
    ).toBe(false);
  });
});

describe('roles: the person a statement is given to', () => {
  const text = 'Tove Brand, the harbour master of Ardlow, said the ferry would run all winter.';

  it('finds the statement given to another person', () => {
    expect(
      speakerSwapped('Ardlow mayor Ivo Marsh said the ferry would run all winter.', text),
    ).toBe(true);
    expect(
      speakerSwapped(
        'According to Ivo Marsh, the ferry will run all winter.',
        '"The ferry will run all winter," said Tove Brand.',
      ),
    ).toBe(true);
  });

  it('leaves the same speaker, a surname alone, and a body rather than a person, alone', () => {
    expect(speakerSwapped('Tove Brand said the ferry would run all winter.', text)).toBe(false);
    expect(
      speakerSwapped(
        'Tove Brand said the ferry would run all winter.',
        'Harbour master Brand said the ferry would run all winter, as Ivo Marsh had asked.',
      ),
    ).toBe(false);
    expect(speakerSwapped('The harbour board said the ferry would run all winter.', text)).toBe(
      false,
    );
    expect(
      speakerSwapped(
        'Ivo Marsh said the ferry would run all winter.',
        'The ferry runs all winter.',
      ),
    ).toBe(false);
  });
});
