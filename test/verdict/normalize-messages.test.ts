/**
 * Specification: a message is split only where it really holds several claims. Hearsay frames,
 * the reader's asks and worried questions around a rumor are not claims; the rumor is. Every
 * message here is invented.
 */
import { stripHearsay } from '../../src/verdict/normalize/hearsay.js';
import { normalizeMessage } from '../../src/verdict/normalize/index.js';
import { worrySubject } from '../../src/verdict/normalize/question.js';
import { isReaction } from '../../src/verdict/normalize/reaction.js';

const claimsOf = (message: string) => normalizeMessage(message).claims.map((c) => c.text);

describe('a question beside the rumor it asks about is one claim: the rumor', () => {
  it.each([
    ['Is coffee safe? I heard Starbucks causes cancer', ['Starbucks causes cancer']],
    ['is coffee safe? i heard starbucks causes cancer', ['Starbucks causes cancer']],
    [
      'Is it true that 5G towers spread the flu? They say 5G towers spread the flu to control people.',
      ['5G towers spread the flu to control people.'],
    ],
    [
      'I heard that hand dryers blow bacteria onto your hands. Is that real?',
      ['Hand dryers blow bacteria onto your hands.'],
    ],
    [
      'Are microwaves dangerous?\nMy neighbour says microwaved water kills houseplants',
      ['Microwaved water kills houseplants'],
    ],
    [
      'I drink coffee every day. Is coffee safe? I heard Starbucks causes cancer.',
      ['Starbucks causes cancer.'],
    ],
    ['真的吗？听说喝咖啡会致癌', ['喝咖啡会致癌']],
    ['微波炉加热的饭菜能吃吗？网上说微波炉会让食物产生辐射。', ['微波炉会让食物产生辐射。']],
  ])('%j', (message, expected) => {
    const m = normalizeMessage(message);
    expect(m.claims.map((c) => c.text)).toEqual(expected);
    expect(m.claims.every((c) => c.isQuestion)).toBe(true);
  });

  it('names the rumor’s pronoun after the subject of the worried question', () => {
    expect(claimsOf('Is Starbucks coffee safe? I heard it causes cancer.')).toEqual([
      'Starbucks coffee causes cancer.',
    ]);
    expect(claimsOf('Is it safe to eat raw eggs? Someone said they carry bird flu.')).toEqual([
      'Raw eggs carry bird flu.',
    ]);
    expect(claimsOf('星巴克咖啡安全吗？听说它会致癌。')).toEqual(['星巴克咖啡会致癌。']);
  });
});

describe('hearsay frames are removed, keeping what was heard', () => {
  it.each([
    [
      'My aunt forwarded this: Drinking hot lemon water kills cancer cells.',
      ['Drinking hot lemon water kills cancer cells.'],
    ],
    [
      'My aunt forwarded this to me.\nHot lemon water kills cancer cells.',
      ['Hot lemon water kills cancer cells.'],
    ],
    [
      'Someone in my group chat said that drinking bleach cures the flu.',
      ['Drinking bleach cures the flu.'],
    ],
    [
      'Apparently, the city will ban electric scooters next month.',
      ['The city will ban electric scooters next month.'],
    ],
    ['Hi all, I heard well water contains arsenic.', ['Well water contains arsenic.']],
    ['据说吃香蕉能治感冒', ['吃香蕉能治感冒']],
    ['网传：某地自来水含有大量重金属。', ['某地自来水含有大量重金属。']],
    ['我姨转发了这条：喝柠檬水能杀死癌细胞', ['喝柠檬水能杀死癌细胞']],
    ['有人说吃味精会掉头发。我每天都吃，好担心！', ['吃味精会掉头发。']],
  ])('%j', (message, expected) => {
    expect(claimsOf(message)).toEqual(expected);
  });

  it('keeps an attribution to a named source, which is part of the claim', () => {
    expect(claimsOf('The health ministry said tap water in Hexi is safe to drink.')).toEqual([
      'The health ministry said tap water in Hexi is safe to drink.',
    ]);
    expect(claimsOf('专家说这种技术不可能被破解')).toEqual(['专家说这种技术不可能被破解']);
    expect(claimsOf('Well water contains arsenic.')).toEqual(['Well water contains arsenic.']);
  });

  it('strips frames as pure functions, in both languages', () => {
    expect(stripHearsay('I read online that pandas are bears', 'en')).toEqual({
      text: 'pandas are bears',
      heard: true,
    });
    expect(stripHearsay('Pandas are bears, or so I heard.', 'en').text).toBe('Pandas are bears.');
    expect(stripHearsay('听别人说熊猫是熊', 'zh').text).toBe('熊猫是熊');
    expect(stripHearsay('熊猫是熊', 'zh')).toEqual({ text: '熊猫是熊', heard: false });
  });
});

describe('reader reactions and asks are not claims', () => {
  it.each([
    ['Onions in your socks cure a cold. Is this true??', ['Onions in your socks cure a cold.']],
    [
      'Can anyone confirm? Wearing two masks cuts your oxygen by half.',
      ['Wearing two masks cuts your oxygen by half.'],
    ],
    ['Bananas carry a flesh-eating virus, right?', ['Bananas carry a flesh-eating virus']],
    [
      'Really?? Eating carrots lets you see in the dark.',
      ['Eating carrots lets you see in the dark.'],
    ],
    [
      'True or false: the Great Wall is visible from the Moon.',
      ['The Great Wall is visible from the Moon.'],
    ],
    [
      'Someone in my group chat said that drinking bleach cures the flu. Thoughts?',
      ['Drinking bleach cures the flu.'],
    ],
    ['听说喝隔夜茶会致癌，是真的吗？', ['喝隔夜茶会致癌']],
    ['隔夜菜会致癌。求辟谣！', ['隔夜菜会致癌。']],
    ['我妈说：喝隔夜水会致癌。真的假的？', ['喝隔夜水会致癌。']],
  ])('%j', (message, expected) => {
    const m = normalizeMessage(message);
    expect(m.claims.map((c) => c.text)).toEqual(expected);
    expect(m.claims[0]!.isQuestion).toBe(true);
  });

  it('tells a reaction from a question with a topic', () => {
    for (const ask of ['Is this true?', 'Can anyone confirm?', 'Really?', 'Any truth to this?'])
      expect(isReaction(ask, 'en')).toBe(true);
    for (const ask of ['是真的吗？', '求辟谣！', '真的假的？', '有人知道吗？'])
      expect(isReaction(ask, 'zh')).toBe(true);
    expect(isReaction('Is coffee safe?', 'en')).toBe(false);
    expect(isReaction('Is it true that 172 people were arrested?', 'en')).toBe(false);
    expect(isReaction('咖啡安全吗？', 'zh')).toBe(false);
  });
});

describe('distinct assertions still split', () => {
  it.each([
    [
      'Pork prices rose 5% in May; Huaxin Dairy was fined 2 million yuan.',
      ['Pork prices rose 5% in May', 'Huaxin Dairy was fined 2 million yuan.'],
    ],
    [
      'The Lanxi bridge collapsed on Monday. The mayor of Lanxi resigned in 2019.',
      ['The Lanxi bridge collapsed on Monday.', 'The mayor of Lanxi resigned in 2019.'],
    ],
    [
      'I heard 5G towers spread the flu. My uncle says the moon landing was filmed in Nevada.',
      ['5G towers spread the flu.', 'The moon landing was filmed in Nevada.'],
    ],
    [
      'The U.S. banned paper straws in May. Dr. Zhou won the lottery twice.',
      ['The U.S. banned paper straws in May.', 'Dr. Zhou won the lottery twice.'],
    ],
    [
      '5月猪肉价格上涨5%；华信乳业被罚款200万元。',
      ['5月猪肉价格上涨5%', '华信乳业被罚款200万元。'],
    ],
    [
      '网传某县今年GDP增长12%，另外某市地铁3号线将于10月开通。',
      ['某县今年GDP增长12%', '某市地铁3号线将于10月开通。'],
    ],
  ])('%j', (message, expected) => {
    const m = normalizeMessage(message);
    expect(m.claims.map((c) => c.text)).toEqual(expected);
    expect(m.claims.every((c) => !c.isQuestion)).toBe(true);
  });

  it('keeps a specific question about something else as a claim of its own', () => {
    expect(
      claimsOf('Did Foxconn close its Ohio plant in 2021? I heard bananas carry HIV.'),
    ).toEqual(['Foxconn close its Ohio plant in 2021.', 'Bananas carry HIV.']);
  });

  it('keeps several questions when no rumor is stated beside them', () => {
    expect(claimsOf('Is coffee safe? Is green tea safe?')).toEqual([
      'Coffee is safe.',
      'Green tea is safe.',
    ]);
  });
});

describe('edge cases', () => {
  it('turns a message that is only a question into the statement it asks about', () => {
    expect(normalizeMessage('Is coffee safe?').claims).toEqual([
      { text: 'Coffee is safe.', isQuestion: true },
    ]);
    expect(claimsOf('Is the vaccine approved by the FDA?')).toEqual([
      'The vaccine is approved by the FDA.',
    ]);
    expect(normalizeMessage('咖啡安全吗？').claims).toEqual([
      { text: '咖啡安全', isQuestion: true },
    ]);
    expect(worrySubject('Is Starbucks coffee safe to drink?', 'en')).toBe('Starbucks coffee');
    expect(worrySubject('Is it true?', 'en')).toBeUndefined();
  });

  it('keeps a bare ask as the one claim, so the checker can say it found nothing', () => {
    expect(normalizeMessage('Is this true??').claims).toEqual([
      { text: 'Is this true?', isQuestion: true },
    ]);
    expect(normalizeMessage('是真的吗？？').claims).toEqual([
      { text: '是真的吗？', isQuestion: true },
    ]);
  });

  it('checks a message that is only cruft as sent', () => {
    for (const message of [
      'URGENT!!! Please share with everyone!!!',
      '紧急扩散！！！请转发给家人！',
    ]) {
      const m = normalizeMessage(message);
      expect(m.claims).toEqual([{ text: message, isQuestion: false }]);
    }
  });

  it('drops emoji around the claim, and keeps an emoji-only message as sent', () => {
    expect(claimsOf('😱😱 I heard 5G towers spread the flu 🦠 is this true??')).toEqual([
      '5G towers spread the flu',
    ]);
    expect(
      claimsOf(
        'OMG!!! 😱 Is this real?? My cousin sent this: Eating 3 eggs a day triples your risk of a stroke. Forward to all your family!!!',
      ),
    ).toEqual(['Eating 3 eggs a day triples your risk of a stroke.']);
    expect(claimsOf('😱😱😱')).toEqual(['😱😱😱']);
  });

  it('leaves words that merely look like a plea to share', () => {
    expect(claimsOf('I heard they send 5G signals through vaccines, is it true?')).toEqual([
      'They send 5G signals through vaccines',
    ]);
    expect(claimsOf('Banks will send all customers new cards next month.')).toEqual([
      'Banks will send all customers new cards next month.',
    ]);
  });

  it('keeps the reader’s own story when it is all there is', () => {
    expect(claimsOf('My son got a rash from the new school uniform.')).toEqual([
      'My son got a rash from the new school uniform.',
    ]);
  });

  it('splits a very long message into its claims, in order, once each, quickly', () => {
    const facts = Array.from(
      { length: 12 },
      (_, i) => `District ${i + 1} opened ${10 + i} new clinics in ${2001 + i}.`,
    );
    const message = `URGENT!!! 📢 My aunt forwarded this: ${facts.join(' ')} ${facts[0]} Is this true?? Share with everyone!!!`;
    const started = performance.now();
    const m = normalizeMessage(message);
    expect(m.claims.map((c) => c.text)).toEqual(facts);
    expect(m.claims.every((c) => c.isQuestion)).toBe(true);
    const runOn = 'I heard ' + 'the river near the old mill floods every spring and '.repeat(40);
    expect(normalizeMessage(runOn).claims).toHaveLength(1);
    const zh = '听说' + '河边的老磨坊每年春天都会被淹，'.repeat(60) + '是真的吗？';
    expect(normalizeMessage(zh).claims).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
