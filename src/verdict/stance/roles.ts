import { STOPWORDS, contentStems, stemWord } from '../text/terms.js';

/**
 * Role swaps between two named parties: "Ada Lin, the dean, and Bo Chen, the chairman" against a
 * claim that makes Ada Lin the chairman and Bo Chen the dean. Each name shared by claim and text
 * takes the words said of it (those after it up to the next shared name or the end of its clause,
 * and the title right before it); the roles are swapped when each name's words in the claim are
 * the other name's words in the text, both ways. A deal told the other way round ("sold to"
 * against "bought from" the same party) is a swap too.
 */

/** A capitalised name of one or more words ("Liu Cong", "Port of Hull"). */
export const NAME = /\b[A-Z][A-Za-z'’-]*(?:\s+(?:of\s+)?[A-Z][A-Za-z'’-]*)*/g;
/** Where what is said of a name ends. */
const CLAUSE_END = /[.;!?。；！？]/;
/** Words right before a name that may say its role ("president Ada Lin"). */
const TITLE_BEFORE = 2;

/** Capitalised words that name no party: months, days, a sentence's first function word. */
const NOT_A_NAME =
  /^(january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/;

/** Whether a capitalised word names nothing: a month, or a function word opening a sentence. */
const namesNothing = (w: string): boolean => {
  const lower = w.toLowerCase();
  return NOT_A_NAME.test(lower) || STOPWORDS.has(lower);
};

/** The names of a text, without the words before them that name nothing ("The" of "The Port"). */
const names = (text: string): Set<string> =>
  new Set(
    (text.match(NAME) ?? [])
      .map((n) => {
        const words = n.split(/\s+/);
        while (words.length > 0 && namesNothing(words[0]!)) words.shift();
        return words.join(' ');
      })
      .filter((n) => n.length > 0),
  );

/** The words a text says of each of `shared` names (first mention of each). */
function saidOf(text: string, shared: string[], drop: Set<string>): Map<string, Set<string>> {
  const at = shared
    .map((name) => ({ name, start: text.indexOf(name) }))
    .filter((m) => m.start >= 0)
    .sort((a, b) => a.start - b.start);
  const out = new Map<string, Set<string>>();
  at.forEach((m, i) => {
    const end = at[i + 1]?.start ?? text.length;
    const after = text.slice(m.start + m.name.length, end).split(CLAUSE_END)[0]!;
    const prevEnd = i > 0 ? at[i - 1]!.start + at[i - 1]!.name.length : 0;
    const lead = text
      .slice(prevEnd, m.start)
      .split(/[,;:.()，。；]/)
      .pop()!;
    const title = lead.trim().split(/\s+/).slice(-TITLE_BEFORE).join(' ');
    out.set(m.name, new Set([...contentStems(`${title} ${after}`)].filter((w) => !drop.has(w))));
  });
  return out;
}

const overlap = (a: Set<string>, b: Set<string>): number => [...a].filter((w) => b.has(w)).length;

/** Whether the text gives two names of the claim each other's roles. */
export function rolesSwapped(claim: string, text: string): boolean {
  const inText = names(text);
  // Names written the same way in both, none inside another ("Lin" inside "Ada Lin").
  const shared = [...names(claim)].filter(
    (n) => inText.has(n) && ![...inText].some((m) => m !== n && m.includes(n)),
  );
  if (shared.length < 2) return false;
  const drop = new Set(shared.flatMap((n) => n.toLowerCase().split(/\s+/)).map(stemWord));
  const c = saidOf(claim, shared, drop);
  const t = saidOf(text, shared, drop);
  for (const a of shared)
    for (const b of shared) {
      if (a >= b) continue;
      const [ca, cb, ta, tb] = [c.get(a), c.get(b), t.get(a), t.get(b)];
      if (!ca || !cb || !ta || !tb) continue;
      if (overlap(ca, tb) > overlap(ca, ta) && overlap(cb, ta) > overlap(cb, tb)) return true;
    }
  return false;
}

/** Verbs whose subject hands something to the party after "to" ("Ada Lin sold the boat to Bo Chen"). */
const GIVE =
  /\b(?:sold|sells?|transferr?(?:ed|s)?|gave|gives?|handed|hands?|granted|grants?|awarded|awards?|presented|presents?|paid|pays?|sent|sends?|lent|lends?|donated|donates?|delivered|delivers?|suppl(?:y|ies|ied)|provid(?:e|es|ed)|leas(?:e|es|ed|ing)|licens(?:e|es|ed|ing)|rent(?:s|ed|ing)?)\b/g;
/** Verbs whose subject takes something from the party after "from" ("Bo Chen bought it from Ada Lin"). */
const TAKE =
  /\b(?:bought|buys?|purchased|purchases?|acquired|acquires?|received|receives?|obtained|obtains?|took\s+over|takes?\s+over|taken\s+over|leas(?:e|es|ed|ing)|licens(?:e|es|ed|ing)|rent(?:s|ed|ing)?)\b/g;
/** Verbs of taking a whole firm or body over: their object is what is bought, not a party it came from. */
const TAKEOVER_VERB =
  /^(?:bought|buys?|purchased|purchases?|acquired|acquires?|took\s+over|takes?\s+over|taken\s+over)$/;
/** A handing-over said as a noun, its two parties after "from" and "to" ("a loan of 2 million from A to B"). */
const GIVING_NOUN =
  /\b(?:loan|sale|transfer|payment|grant|donation|gift|shipment|delivery|supply|lease|licen[cs]e)s?\b/g;
/** A takeover said as a noun, the buyer before it ("A completed its purchase of B", "A's takeover of B"). */
const TAKEOVER_NOUN = /\b(?:purchase|acquisition|takeover|buyout)\s+of\s+(?:the\s+)?$/;
/** Words between a buyer and its takeover noun ("A completed its purchase of", "A's takeover of"). */
const BUYER_TAIL = /(?:['’]s|\s+(?:completed|announced|agreed|its|their))+\s*$/;
/** The words that end a clause before a verb and make what follows a passive ("was sold by"). */
const PASSIVE = /\b(?:was|were|is|are|be|been|being)\s+$/;
/** Periods that end no clause: abbreviations in firms' names and titles ("Co.", "Ltd.", "Mr."). */
const ABBREVIATION = /\b(Co|Corp|Ltd|Inc|Bros|Plc|Mr|Mrs|Ms|Dr|St|Jr)\.(?=[\s,]|$)/g;
/** Words between a party and its verb that belong to neither ("will", "has also"). */
const AUXILIARY =
  /(?:\s+|^)(?:will|would|shall|also|then|has|have|had|is|are|was|were|been|being|now|already|recently|later|itself|(?:said|says|announced|confirmed)\s+(?:that\s+)?(?:it|they))\s*$/i;
/** A party's words end at a clause break or a word that opens a new clause. */
const PARTY_BREAK = /[,;:]|\b(?:that|which|who|when|after|before|while|where|and|but)\b/;
/** "Supplies Bo Chen with parts", "gave the network a grant": the receiver right after the verb. */
const RECEIVER_WITH = new RegExp(
  `^\\s+(?:the\\s+)?(${NAME.source}|[a-z]+(?:\\s+[a-z]+)?)\\s+(?:(?:with|an?|the|its|their)\\b|[£€$]|\\d)`,
);
/** A party named by a plain plural noun ("farmers sold ... to", "bought ... from farmers"). */
const PLAIN_BEFORE = /\b([a-z]{3,}s)\s+(?:(?:will|would|also|then|have|has|had)\s+)*$/;
/** Words of a name that tell no party from another ("Group", "Co"). */
const GENERIC = new Set(['group', 'co', 'company', 'ltd', 'corporation', 'inc', 'the', 'plc']);

/**
 * A party: the stems that name it, and apart the words every firm has ("Group"), which name it
 * only when nothing else does ("the group" for a firm named in full before).
 */
interface Party {
  core: Set<string>;
  generic: Set<string>;
}

const party = (words: string): Party | undefined => {
  const stems = words
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w.length > 1 && !STOPWORDS.has(w) && !NOT_A_NAME.test(w))
    .map(stemWord);
  const core = new Set(stems.filter((w) => !GENERIC.has(w)));
  const generic = new Set(stems.filter((w) => GENERIC.has(w)));
  return core.size + generic.size > 0 ? { core, generic } : undefined;
};

/** Whether two parties are one: a shared word of their names, or of "group" when one has no other. */
const oneParty = (a: Party, b: Party): boolean =>
  overlap(a.core, b.core) > 0 ||
  ((a.core.size === 0 || b.core.size === 0) && overlap(a.generic, b.generic) > 0);

/**
 * The party a clause names before its verb: a plain plural ("trawlers"), else the last name of its
 * last clause with the plain words after it ("The Pellbridge ferry network"), else the words
 * after "the" ("the airport").
 */
function partyBefore(lead: string): Party | undefined {
  // An aside after the party ("The Oakhurst Trust, a harbour charity, gave") names no other.
  let rest = lead.replace(/,\s*(?:an?)\s+[^,]{1,60},\s*$/, ' ');
  while (AUXILIARY.test(rest)) rest = rest.replace(AUXILIARY, '');
  const plain = PLAIN_BEFORE.exec(`${rest} `)?.[1];
  if (plain) return party(plain);
  const pieces = rest.split(PARTY_BREAK);
  const last = pieces[pieces.length - 1]!;
  const named = [...last.matchAll(NAME)].filter((m) => !namesNothing(m[0]));
  const from = named.length > 0 ? named[named.length - 1]!.index : last.search(/\bthe\s+[a-z]/i);
  return from < 0 ? undefined : party(last.slice(from).split(/\s+/).slice(0, 6).join(' '));
}

/** The words after a link word: where the party it names begins. */
type Link = 'to' | 'from' | 'by';
const LINKED: Record<Link, RegExp> = {
  to: /\bto\s+(.*)$/,
  from: /\bfrom\s+(.*)$/,
  by: /\bby\s+(.*)$/,
};
/** A name after a link word, with up to three plain words before it ("the shipping group Q"). */
const NAMED_AFTER = new RegExp(
  `^(?:(?:the|its|their|an?)\\s+)?(?:[a-z][\\w-]*\\s+){0,3}?(${NAME.source})`,
);
/** What a takeover verb takes: a name, or a stake in one ("a 60% stake in the Q Group"). */
const TAKEOVER_OBJECT = new RegExp(
  `^\\s+(?:(?:the|a|an|its)\\s+)?(?:(?:[\\d.]+%|majority|controlling|minority)\\s+)?(?:stake\\s+in\\s+(?:the\\s+)?)?(${NAME.source})`,
);
/** "Bought the site from": a thing bought from a party, told by the handing-over, no takeover. */
const BOUGHT_FROM = /^\s+\S+\s+from\b/;

/**
 * The party after a link word ("to", "from", "by"): a name, with any plain words before it ("to
 * the shipping group Quarrendon"), else a plain plural ("to farmers") or the words after "the" ("to
 * the airport").
 */
function partyAfter(rest: string, link: Link): Party | undefined {
  const at = LINKED[link].exec(rest)?.[1];
  if (at === undefined) return undefined;
  const words = at.split(/[,;:()]/)[0]!;
  const named = NAMED_AFTER.exec(words);
  if (named && !namesNothing(named[1]!)) return party(named[1]!);
  const plain = /^(?:the\s+)?([a-z]{3,}s)\b/.exec(words)?.[1];
  if (plain) return party(plain);
  const definite = /^(?:the|its|their)\s+((?:[a-z][\w-]*\s*){1,3})/.exec(words)?.[1];
  if (!definite) return undefined;
  const nouns = definite.split(/\s+/).filter((w) => w.length > 0);
  const end = nouns.findIndex((w) => STOPWORDS.has(w));
  return party((end < 0 ? nouns : nouns.slice(0, end)).join(' '));
}

/** The receiver right after a verb of giving ("supplies Bo Chen with", "gave the network a"). */
const receiverWith = (rest: string): Party | undefined => {
  const m = RECEIVER_WITH.exec(rest)?.[1];
  return m && !namesNothing(m) ? party(m) : undefined;
};

/** What an active takeover verb takes ("bought the Q Group", "a 60% stake in Q"). */
const takeoverObject = (rest: string): Party | undefined => {
  const m = TAKEOVER_OBJECT.exec(rest)?.[1];
  return m === undefined ? undefined : party(m);
};

/** One handing-over: who gave and who received. */
interface Handover {
  giver: Party;
  receiver: Party;
}

/** One takeover: who bought and the firm or body bought. */
interface Takeover {
  buyer: Party;
  bought: Party;
}

/** The clauses of a text (a decimal point or an abbreviation's ends none), asides in brackets dropped. */
const clausesOf = (text: string): string[] =>
  text
    .replace(/\([^)]*\)/g, ' ')
    .replace(ABBREVIATION, '$1')
    .replace(/,\s*(?=(?:Ltd|Inc|Plc|LLC)\b)/g, ' ')
    .split(/[;!?。；！？]|\.(?!\d)/);

/**
 * The handing-overs and takeovers a text states, clause by clause: the party before each verb and
 * the first after "to" or "from" ("by" in the passive: "was sold by A to B"), a noun's parties
 * after "from" and "to", and a takeover's buyer and the firm it takes.
 */
function deals(text: string): { handovers: Handover[]; takeovers: Takeover[] } {
  const handovers: Handover[] = [];
  const takeovers: Takeover[] = [];
  for (const clause of clausesOf(text)) {
    for (const [verbs, link, takes] of [
      [GIVE, 'to', false],
      [TAKE, 'from', true],
    ] as const satisfies readonly (readonly [RegExp, Link, boolean])[]) {
      for (const verb of clause.matchAll(verbs)) {
        const lead = clause.slice(0, verb.index);
        const rest = clause.slice(verb.index + verb[0].length);
        const passive = PASSIVE.test(lead) && /^\s+by\b/.test(rest);
        const subject = passive ? partyAfter(rest, 'by') : partyBefore(lead);
        if (!subject) continue;
        if (takes && TAKEOVER_VERB.test(verb[0])) {
          // "B was bought by A": the firm bought is the subject; "A bought B": its object.
          const bought = passive ? partyBefore(lead.replace(PASSIVE, '')) : takeoverObject(rest);
          if (bought && !BOUGHT_FROM.test(rest)) takeovers.push({ buyer: subject, bought });
        }
        const other = (takes || passive ? undefined : receiverWith(rest)) ?? partyAfter(rest, link);
        if (!other) continue;
        handovers.push(
          takes ? { giver: other, receiver: subject } : { giver: subject, receiver: other },
        );
        break;
      }
    }
    for (const noun of clause.matchAll(GIVING_NOUN)) {
      const rest = clause.slice(noun.index + noun[0].length);
      const [from, to] = [partyAfter(rest, 'from'), partyAfter(rest, 'to')];
      if (from && to && rest.indexOf(' from ') < rest.indexOf(' to '))
        handovers.push({ giver: from, receiver: to });
    }
    for (const m of clause.matchAll(NAME)) {
      const lead = clause.slice(0, m.index);
      if (!TAKEOVER_NOUN.test(lead)) continue;
      const buyer = partyBefore(lead.replace(TAKEOVER_NOUN, '').replace(BUYER_TAIL, ''));
      const bought = party(m[0]);
      if (buyer && bought) takeovers.push({ buyer, bought });
    }
  }
  return { handovers, takeovers };
}

/** Whether one pair of parties is the other the other way round (and not also the same way). */
const reversed = (c: [Party, Party], t: [Party, Party]): boolean =>
  oneParty(c[0], t[1]) && oneParty(c[1], t[0]) && !oneParty(c[0], t[0]) && !oneParty(c[1], t[1]);

/**
 * Whether the text hands over the other way round: the claim's giver receives from its
 * receiver ("Ada Lin sold the boat to Bo Chen" against "Ada Lin bought the boat from Bo Chen"),
 * or the firm the claim has buy the other is the one bought.
 */
export function handoverReversed(claim: string, text: string): boolean {
  const told = deals(text);
  const said = deals(claim);
  return (
    said.handovers.some((c) =>
      told.handovers.some((t) => reversed([c.giver, c.receiver], [t.giver, t.receiver])),
    ) ||
    said.takeovers.some((c) =>
      told.takeovers.some((t) => reversed([c.buyer, c.bought], [t.buyer, t.bought])),
    )
  );
}

/** Verbs that give a statement to a speaker ("Ada Lin said", "told reporters", "according to"). */
const SPEECH =
  /\b(?:said|says|say|told|tells|stated|states|noted|notes|explained|explains|introduced|stressed|emphasi[sz]ed|pointed\s+out|added|argued|argues|remarked|[Aa]ccording\s+to)\b/g;
/** The name a text goes on with ("said Ada Lin"). */
const NAME_NEXT = new RegExp(`^\\s*(${NAME.source})`);
/** Words of a speaker's name or title that tell no person from another. */
const NOT_A_SPEAKER =
  /^(?:The|This|That|It|He|She|They|We|I|In|On|At|As|After|Before|When|But|And|Mr|Ms|Mrs|Dr|of|County|Province|City|District|Group|Company|Ministry|Bureau|University|Office|Department|Council|Court|Government|Association|Committee|Institute|Party|Center|Centre)$/;

/** Whether a capitalised word tells no person or body from another (a month, "The", "County"). */
export const namesNoOne = (w: string): boolean =>
  NOT_A_SPEAKER.test(w) || NOT_A_NAME.test(w.toLowerCase());

/**
 * The people a text has speak: the last person's name in the clause before a speech verb ("Ada
 * Lin, the dean of Ardlow, said"), or the first right after it ("said Ada Lin", "according to
 * Ada Lin"). Two-word names only: one capitalised word is as often a place or a body as a person.
 */
function speakers(text: string): string[] {
  const out: string[] = [];
  const person = (n: string | undefined): n is string =>
    n !== undefined && n.split(/\s+/).length >= 2 && !n.split(/\s+/).some(namesNoOne);
  for (const m of text.matchAll(SPEECH)) {
    const lead = text
      .slice(Math.max(0, m.index - 80), m.index)
      .split(/[.;:!?。；！？"“”]/)
      .pop()!;
    // The name right before the verb, or before a place in apposition ("Ada Lin, mayor of Ardlow,").
    const named = [...lead.matchAll(NAME)];
    const last = named.pop();
    const placeAfter = last && /\b(?:of|in|at|from)\s+(?:the\s+)?$/.test(lead.slice(0, last.index));
    const before = (placeAfter ? named.pop() : last)?.[0];
    const after = NAME_NEXT.exec(text.slice(m.index + m[0].length))?.[1];
    for (const n of [before, after]) if (person(n)) out.push(n);
  }
  return out;
}

/**
 * Whether the text gives the claim's statement to someone else: the claim has a person say it,
 * the text has another person say it and never names the claim's ("Ada Lin said" against "Bo
 * Chen told reporters"). A surname alone in the text names the same person.
 */
export function speakerSwapped(claim: string, text: string): boolean {
  const claimed = speakers(claim);
  if (claimed.length === 0) return false;
  const told = speakers(text);
  const lower = text.toLowerCase();
  const mentioned = (n: string) =>
    n
      .toLowerCase()
      .split(/\s+/)
      .some((w) => w.length > 1 && new RegExp(`\\b${w}\\b`).test(lower));
  return (
    told.length > 0 &&
    !claimed.some(mentioned) &&
    told.some((t) => !claim.toLowerCase().includes(t.toLowerCase()))
  );
}

/** Two Chinese names of one party: they share a two-character piece ("石岚大学", "石岚"). */
export const sameParty = (a: string, b: string): boolean => {
  for (let i = 0; i + 2 <= a.length; i++) if (b.includes(a.slice(i, i + 2))) return true;
  return false;
};

/**
 * A deal in Chinese: A向B采购 or A从B收购 (A buys from B; 从B手里把X买下 too), A向B出售 or A给B输送
 * (A hands to B). The words of when may stand in A ("石岚港务局于2019年向B采购"); a clause before
 * a bare 向 names A ("A通过管道，向B输送").
 */
const ZH_DEAL =
  /([\p{Script=Han}\d.，]{2,40}?)([向从给])([\p{Script=Han}\d]{2,16}?)(?:手里|手中|那里|处)?(?:把[^，。；！？]{0,20}?)?(收购|采购|购买|购入|订购|进口|进货|购进|买入|买下|买|租用|借用|出售|销售|供应|提供|转让|支付|输送|送去|捐赠|拨付)/gu;
/** A hands over to B said with 给 after the verb: A将X转让给B, A把X卖给了B. */
const ZH_GIVE_TO =
  /([\p{Script=Han}\d.，]{2,40}?)(?:(?:将|把)[^，。；！？]{0,30}?)?(?:转让|出售|卖|出租|租|借|转交|移交|捐赠|赠送|送)给了?([\p{Script=Han}]{2,16})/gu;
/**
 * A takeover said with its object: A收购B, A把B收购了 (A buys B), B被A收购 (A buys B); a clause
 * before 把 names the buyer ("A出资1亿元，把B收购了").
 */
const ZH_TAKEOVER =
  /([\p{Script=Han}\d.，]{2,40}?)(?:收购|并购|买下|拿下|受让|认购|购得|收入囊中)了?([\p{Script=Han}]{2,14})?/gu;
/** Where a deal's subject ends: the words of when, whether and how after it ("将在三年内每年"). */
const ZH_SUBJECT_END =
  /将|已经|已|计划|拟|在|于|以|每年|今年|明年|通过|斥资|(?:砸|花)(?=[\d两一二三四五六七八九十几])/;
/** Words before a deal's party that have another make it ("法院判令A向B支付"). */
const ZH_ORDERED = /判令|责令|要求|命令|督促/;
const subjectOf = (lead: string): string => {
  // The last clause that names anything: "A通过管道，向B" is A's deal.
  const clause =
    lead
      .split('，')
      .filter((c) => c.length >= 2)
      .pop() ?? '';
  const end = ZH_SUBJECT_END.exec(clause)?.index ?? clause.length;
  // The party is named by its words, not by the figures and times beside it.
  const party = (end >= 2 ? clause.slice(0, end) : clause).split('由').pop()!;
  return party
    .split(ZH_ORDERED)
    .pop()!
    .replace(/[\d.，]+/g, '');
};
/** A takeover's buyer and what it buys, read from the words before its verb and its object. */
function takeover(lead: string, object = ''): [string, string] | undefined {
  if (/[向从]/.test(lead)) return undefined;
  const clauses = lead.split('，').filter((c) => c.length > 0);
  const last = clauses.pop() ?? '';
  const passive = last.split('被');
  if (passive.length === 2) return [subjectOf(passive[1]!), passive[0]!.replace(/[\d.]+/g, '')];
  const [before, thing] = last.split('把');
  if (thing !== undefined)
    return [subjectOf(before || clauses.pop() || ''), thing.replace(/给$/, '')];
  return [subjectOf(last), object];
}
/** Verbs of buying or taking (the others hand over): what the subject receives. */
const ZH_BUYS = /^(收购|采购|购买|购入|订购|进口|进货|购进|买入|买下|买|租用|借用)$/;
/** A body named before "该公司" ("the company"), which that phrase stands for. */
const ZH_BODY = /[\p{Script=Han}]{2,20}?(?:有限公司|公司|集团|合作社|企业)/gu;
/** A party said as 该公司 ("the company") is the last body the text named before it. */
const meant = (party: string, before: string): string =>
  party.startsWith('该') ? ([...before.matchAll(ZH_BODY)].pop()?.[0] ?? party) : party;

/** A Chinese deal: who hands over and who receives, or (a takeover) who buys what. */
interface ZhDeal {
  from: string;
  to: string;
  takeover: boolean;
}

/** The deals of a Chinese text: who hands over to whom, and who takes over what. */
function zhDeals(s: string): ZhDeal[] {
  const deals: ZhDeal[] = [...s.matchAll(ZH_DEAL)].map((m) => {
    const subject = meant(subjectOf(m[1]!), s.slice(0, m.index + m[1]!.length));
    // 从B买 and 向B采购 take from B; 给B and 向B出售 hand to B.
    const takes = m[2] !== '给' && ZH_BUYS.test(m[4]!);
    return takes
      ? { from: m[3]!, to: subject, takeover: false }
      : { from: subject, to: m[3]!, takeover: false };
  });
  for (const m of s.matchAll(ZH_GIVE_TO)) {
    const subject = meant(subjectOf(m[1]!), s.slice(0, m.index + m[1]!.length));
    if (subject.length >= 2) deals.push({ from: subject, to: m[2]!, takeover: false });
  }
  for (const m of s.matchAll(ZH_TAKEOVER)) {
    const t = takeover(m[1]!, m[2]);
    if (t && t[0].length >= 2 && t[1].length >= 2)
      deals.push({ from: t[0], to: t[1], takeover: true });
  }
  return deals;
}
/** A post and who holds it: 主任由A担任 ("the director is A"). */
const ZH_POST = /([\p{Script=Han}]{2,6}?)由([\p{Script=Han}·]{2,30}?)(?:担任|出任|兼任)/gu;

/**
 * Verbs of one party acting on a project itself (leading, paying for, building it): who does each
 * is what the sentence says of the parties (负责, "responsible for", takes any object).
 */
const ZH_ACTS = '牵头|主导|配合|协助|投资|出资|入股|承建|主办|承办|资助';
/** 由A牵头 ("led by A"), or A at the head of its clause: A将出资 ("A will put in"). */
const ZH_AGENT = new RegExp(
  `(?:由|(?:^|[，。；、：])(?:[\\p{Script=Han}]{0,12}?[，、])?)([\\p{Script=Han}]{2,24}?)(?:将|已经|已|计划|拟|全额|共同|统一|具体|主要)*(${ZH_ACTS})(?!集团|公司|有限|股份|控股|基金)`,
  'gu',
);

/**
 * Two names of one body, after the place both begin with (鹤坪县交通局 and 鹤坪县环保局 are two
 * bodies of one county; 石岚大学 and 石岚 one body).
 */
function oneBody(a: string, b: string): boolean {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const [x, y] = [a.slice(i), b.slice(i)];
  return x.length === 0 || y.length === 0 || sameParty(x, y);
}

/**
 * Whether the text has another of the claim's parties do what the claim has one do (由A牵头、B配合
 * against 由B牵头、A配合; A将出资 against B将出资), both parties named in the text.
 */
function agentSwapped(claim: string, text: string): boolean {
  const agents = (s: string) =>
    [...s.matchAll(ZH_AGENT)].map(
      (m) => [core(subjectOf(m[1]!.split('由').pop()!)), m[2]!] as const,
    );
  const done = agents(text);
  return agents(claim).some(([who, act]) =>
    done.some(
      ([other, a]) =>
        a === act && !oneBody(who, other) && sameParty(other, claim) && sameParty(who, text),
    ),
  );
}

/** The last words of a Chinese phrase that name it (a post's title). */
const tail = (s: string, n: number) => s.replace(/的/g, '').slice(-n);
/** A Chinese party's name without the words every firm or body has (有限公司, 集团). */
const core = (name: string) =>
  name.replace(/(?:股份有限公司|有限责任公司|有限公司|股份公司|公司|集团|有限)+$/, '');

/**
 * Whether a Chinese sentence gives the claim's deal or post the other way round: A buys from B in
 * the claim and B from A in the text (A向B采购 against B向A采购), or another person holds the
 * post the claim gives someone (主任由A担任 against 主任由B担任).
 */
export function chineseRolesSwapped(claim: string, text: string): boolean {
  const said = zhDeals(text);
  const dealSwapped = zhDeals(claim).some((c) =>
    said.some(
      (t) =>
        t.takeover === c.takeover &&
        sameParty(core(c.from), core(t.to)) &&
        sameParty(core(c.to), core(t.from)) &&
        !sameParty(core(c.from), core(t.from)),
    ),
  );
  if (dealSwapped || agentSwapped(claim, text)) return true;
  const posts = (s: string) =>
    [...s.matchAll(ZH_POST)].map((m) => [tail(m[1]!, 3), m[2]!] as const);
  const held = posts(text);
  return posts(claim).some(([post, holder]) =>
    held.some(([p, h]) => p === post && !sameParty(tail(holder, 3), tail(h, 3))),
  );
}
