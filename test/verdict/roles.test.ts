import { loadChineseTools } from '../../src/verdict/zh/dictionary.js';
import { translateChinese } from '../../src/verdict/zh/translate.js';
import {
  chineseRolesSwapped,
  handoverReversed,
  rolesSwapped,
  speakerSwapped,
} from '../../src/verdict/stance/roles.js';
import { postDenied } from '../../src/verdict/stance/titles.js';

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

  it('reads a name the same at the start of a sentence ("The Port Authority") as inside one', () => {
    const text = 'The Port Authority leads the dredging, with the Ferry Board taking part.';
    expect(
      rolesSwapped(
        'The Ferry Board leads the dredging, with the Port Authority taking part.',
        text,
      ),
    ).toBe(true);
    expect(
      rolesSwapped(
        'The Port Authority leads the dredging, with the Ferry Board taking part.',
        text,
      ),
    ).toBe(false);
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

  it('reads leases and licences, and a receiver right after the verb ("grants X a licence")', () => {
    expect(
      handoverReversed(
        'Harbour Rail is leasing its depot to Eastvale Ferries.',
        'Under the deal, Eastvale Ferries leases its new depot in the port to Harbour Rail.',
      ),
    ).toBe(true);
    expect(
      handoverReversed(
        'Ardlow Pharma licensed its compound to the Kestrel Institute.',
        'Under the agreement, the Kestrel Institute grants Ardlow Pharma an exclusive licence.',
      ),
    ).toBe(true);
    // Leasing from and leasing to are one deal told from each side.
    expect(
      handoverReversed(
        'Ardlow Pharma leases the building from Kestrel Holdings.',
        'Kestrel Holdings leases the building to Ardlow Pharma.',
      ),
    ).toBe(false);
  });

  it('reads a supply "to" against one "with", and parties named by a plain noun', () => {
    expect(
      handoverReversed(
        'Eastvale Ferries will supply life jackets to Harbour Rail.',
        'Under the deal, Harbour Rail will supply Eastvale Ferries with life jackets.',
      ),
    ).toBe(true);
    expect(
      handoverReversed(
        'Eastvale Ferries will supply life jackets to Harbour Rail.',
        'Eastvale Ferries will supply Harbour Rail with life jackets.',
      ),
    ).toBe(false);
    expect(
      handoverReversed(
        'Trawlers bought 300 tonnes of ice from Eastvale Cold Store.',
        'Eastvale Cold Store bought 300 tonnes of ice from trawlers.',
      ),
    ).toBe(true);
  });

  // Invented: a harbour town's ferry arm, a bank's loan and a trust's grant.
  it('reads parties named by "the" and a plain noun, after an aside, and firms ending "Co., Ltd."', () => {
    expect(
      handoverReversed(
        'Quarrendon Marine sold its ferry arm, Stavely Ferries, to the port authority.',
        'In May the port authority sold its ferry arm, Stavely Ferries, to the shipping group Quarrendon Marine.',
      ),
    ).toBe(true);
    expect(
      handoverReversed(
        'The Pellbridge ferry network handed a grant to the Oakhurst Trust.',
        'The Oakhurst Trust, a harbour charity, gave the network a grant over three years.',
      ),
    ).toBe(true);
    expect(
      handoverReversed(
        'Oakhurst Trading Co., Ltd. leases its new warehouse to Pellbridge Foods.',
        'Pellbridge Foods Co., Ltd. leases its new warehouse to Oakhurst Trading.',
      ),
    ).toBe(true);
    expect(
      handoverReversed(
        'In May the port authority sold its ferry arm to Quarrendon Marine.',
        'Quarrendon Marine bought the ferry arm from the port authority.',
      ),
    ).toBe(false);
  });

  it('reads every verb of a clause, the passive, a loan "from ... to" and a takeover', () => {
    // "licensing" names no party; "grants" does.
    expect(
      handoverReversed(
        'Quarrendon Pharma licensed its compound to the Halloway Institute.',
        'Under the licensing deal, the Halloway Institute grants Quarrendon Pharma an exclusive licence to the compound.',
      ),
    ).toBe(true);
    expect(
      handoverReversed(
        'Pellbridge Foods has bought the dairy from Oakhurst Farms.',
        'The dairy has been sold by Pellbridge Foods to Oakhurst Farms.',
      ),
    ).toBe(true);
    expect(
      handoverReversed(
        'Stavely Water Group lent the money to Halloway Bank.',
        'The works are paid for by a ten-year loan from Halloway Bank to the group.',
      ),
    ).toBe(true);
    expect(
      handoverReversed(
        'Oakhurst Coaches took over Pellbridge Buses last spring.',
        'Last spring Pellbridge completed its purchase of Oakhurst Coaches.',
      ),
    ).toBe(true);
    expect(
      handoverReversed(
        'Pellbridge Buses took over Oakhurst Coaches last spring.',
        'Last spring Pellbridge completed its purchase of Oakhurst Coaches.',
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

  it('reads a speaker named before "of the" body it heads, and a Chinese sentence’s speaker', async () => {
    // Invented: the claim gives the statement to a deputy director of a named bureau.
    const claim =
      'Ivo Marsh, deputy director of the Ardlow harbour bureau, said the ferry would run all winter.';
    expect(speakerSwapped(claim, text)).toBe(true);
    // A Chinese sentence read in its English rendering: 介绍 is "said", 柯成 + 哲 one name.
    const tools = await loadChineseTools();
    const zh = translateChinese('港务局副局长柯成哲介绍，渡轮今冬照常运行。', tools, true).english;
    expect(zh).toMatch(/Ke Chengzhe said/);
    expect(speakerSwapped('Ivo Marsh said the ferry would run all winter.', zh)).toBe(true);
    expect(speakerSwapped('Ke Chengzhe said the ferry would run all winter.', zh)).toBe(false);
  }, 60_000);

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

describe('roles: the post a person holds', () => {
  const text =
    'Tove Brand, Party Secretary and Chairman of the Ardlow Harbour Board, and Ivo Marsh, ' +
    'dean of the Ardlow Maritime College, opened the new quay.';

  it('finds another post, or the same post of another body, given to the person', () => {
    expect(postDenied('Harbour Board chairman Ivo Marsh opened the new quay.', text)).toBe(true);
    expect(postDenied('Ivo Marsh is the secretary of the Ardlow Harbour Board.', text)).toBe(true);
    expect(
      postDenied(
        'Tove Brand spoke as chairman of the Eastvale Ferry Board.',
        'Tove Brand, chairman of the Ardlow Harbour Board, spoke first.',
      ),
    ).toBe(true);
  });

  it('accepts the same post however it is written', () => {
    for (const claim of [
      'Harbour Board chairwoman Tove Brand opened the new quay.',
      'Chairman Tove Brand opened the new quay.',
      'Ardlow Maritime College dean Ivo Marsh opened the new quay.',
      "Ardlow's Tove Brand, chairman of the harbour board, opened the quay.",
      'Wow!! Tove Brand, head of the Harbour Board, opened the quay.',
      'Ivo Marsh, the college dean, opened the quay.',
      'Professor Ivo Marsh opened the quay.',
    ])
      expect([claim, postDenied(claim, text)]).toEqual([claim, false]);
    // Compounds and other words for one post.
    expect(
      postDenied(
        'Procurator-General Ada Lin chaired the meeting.',
        'Ada Lin, Party Secretary and Procurator-General of the Eastvale Procuratorate, chaired it.',
      ),
    ).toBe(false);
    expect(
      postDenied(
        'Port spokesman Ada Lin said the quay would open in May.',
        'Ada Lin, spokesperson of the port, said the quay would open in May.',
      ),
    ).toBe(false);
  });

  it('says nothing of a person the text gives no post, or names no one', () => {
    expect(postDenied('Mayor Bo Chen opened the quay.', 'Bo Chen opened the quay.')).toBe(false);
    expect(postDenied('The harbour board chairman opened the quay.', text)).toBe(false);
  });
});

describe('roles: Chinese deals and posts', () => {
  it('reads a Chinese purchase told the other way round, and a post another person holds', () => {
    // Invented parties: a harbour office buying boats from a shipyard, a lab's director.
    const deal = '石岚港务局将向东岭船厂采购12艘电动渡轮。';
    expect(chineseRolesSwapped('东岭船厂将向石岚港务局采购12艘电动渡轮。', deal)).toBe(true);
    expect(chineseRolesSwapped('石岚港务局将向东岭船厂采购电动渡轮。', deal)).toBe(false);
    // A firm named in full in one and short in the other (有限公司 and 集团 name no one).
    expect(
      chineseRolesSwapped(
        '东岭船舶制造股份有限公司向石岚港务集团采购了12艘渡轮。',
        '根据合同，石岚港务向东岭船舶采购渡轮12艘。',
      ),
    ).toBe(true);
    // 从 as 向, with when and how often between the buyer and the seller.
    const yearly = '东岭船厂将在五年内每年从石岚港务局购买旧渡轮8艘。';
    expect(chineseRolesSwapped('石岚港务局将在五年内每年从东岭船厂收购8艘旧渡轮。', yearly)).toBe(
      true,
    );
    const post = '实验室主任由石岚大学教授林海川担任，东岭船厂总工程师许安担任副主任。';
    expect(chineseRolesSwapped('实验室的主任由东岭船厂总工程师许安担任。', post)).toBe(true);
    expect(chineseRolesSwapped('实验室主任由林海川担任。', post)).toBe(false);
  });

  it('reads takeovers said with their object, 把 and 被, times in a deal and 该公司', () => {
    // Invented: a shipyard taking over a harbour office's repair dock.
    const text = '5月，本地龙头企业东岭船厂有限公司以8000万元收购石岚港务局的修船坞。';
    expect(chineseRolesSwapped('石岚港务局出资8000万元，把东岭船厂给收购了！', text)).toBe(true);
    expect(chineseRolesSwapped('东岭船厂被石岚港务局收购了。', text)).toBe(true);
    expect(chineseRolesSwapped('石岚港务局的修船坞被东岭船厂收购了。', text)).toBe(false);
    expect(chineseRolesSwapped('东岭船厂花8000万元收购了石岚港务局的修船坞。', text)).toBe(false);
    // 受让 (takes a transfer of) and 收入囊中 (bags) are a buyer's verbs too.
    const transfer = '东岭船厂以现金3.6亿元受让石岚港务局40%的股权。';
    expect(chineseRolesSwapped('石岚港务局花3.6亿元买下了东岭船厂40%的股份。', transfer)).toBe(
      true,
    );
    expect(chineseRolesSwapped('东岭船厂花3.6亿元买下了石岚港务局40%的股份。', transfer)).toBe(
      false,
    );
    expect(chineseRolesSwapped('石岚港务局把东岭船厂四成股份收入囊中。', transfer)).toBe(true);
    // When the deal was made, between the buyer and 向; the buyer after 由.
    const dated = '渡轮导航系统由石岚港务局于2019年向苇塘电子有限公司采购，次年投入使用。';
    expect(chineseRolesSwapped('2019年，苇塘电子向石岚港务局采购了导航系统。', dated)).toBe(true);
    expect(chineseRolesSwapped('石岚港务局2019年向苇塘电子采购了导航系统。', dated)).toBe(false);
    // 该公司, "the company", is the body the sentence named before it.
    const supplier =
      '其中，砚湖餐饮管理有限公司承担渡轮配餐，该公司所用食材均向棠岭农产品有限公司采购。';
    expect(chineseRolesSwapped('棠岭农产品的食材是从砚湖餐饮进货的。', supplier)).toBe(true);
    expect(chineseRolesSwapped('砚湖餐饮的食材是从棠岭农产品进货的。', supplier)).toBe(false);
  });

  it('reads 给 after the verb, 从B手里, a party ordered to pay, a bare 向 after a clause', () => {
    // Invented: a hotel sold between two firms, water sent between two places, a court's order.
    const sold = '槐屿旅游公司将其持有的鹤坪酒店的股权转让给东岭文旅集团，成交价格为1.35亿元。';
    expect(
      chineseRolesSwapped('槐屿旅游公司花1.35亿元，从东岭文旅集团手里把鹤坪酒店买了下来。', sold),
    ).toBe(true);
    expect(
      chineseRolesSwapped('东岭文旅集团花1.35亿元从槐屿旅游公司手里买下了鹤坪酒店。', sold),
    ).toBe(false);
    const piped = '棠岭市供水集团通过两地联通管道，向相邻的苇塘县5个村日均输送自来水1.8万立方米。';
    expect(chineseRolesSwapped('苇塘县每天通过联通管道给棠岭送去自来水。', piped)).toBe(true);
    expect(chineseRolesSwapped('棠岭每天通过管道给苇塘县送去自来水。', piped)).toBe(false);
    const ordered = '法院判令东岭置业向槐屿建设支付工程款及利息。';
    expect(chineseRolesSwapped('法院判令槐屿建设向东岭置业支付工程款。', ordered)).toBe(true);
    const taken = '去年秋天，东岭电能以4.1亿元收购槐屿快充有限公司70%股权。';
    expect(chineseRolesSwapped('槐屿快充砸4.1亿拿下东岭电能七成股份！', taken)).toBe(true);
  });

  it('finds the party leading, paying or building given to the other party of the claim', () => {
    const text = '这次巡查由鹤坪县交通局牵头、县环保局配合，由苇塘建设公司承担施工。';
    expect(chineseRolesSwapped('这次巡查由鹤坪县环保局牵头，县交通局配合。', text)).toBe(true);
    expect(chineseRolesSwapped('这次巡查由鹤坪县交通局牵头。', text)).toBe(false);
    const stake = '按照协议，苇塘建设将出资2亿元，入股砚湖港务的新码头。';
    expect(chineseRolesSwapped('砚湖港务将出资2亿元，入股苇塘建设的新码头。', stake)).toBe(true);
    // A party the text never names is another matter (no swap of the two it names).
    expect(chineseRolesSwapped('棠岭集团将出资2亿元入股新码头。', stake)).toBe(false);
  });
});
