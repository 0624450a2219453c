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
  /\b(?:sold|sells?|transferr?(?:ed|s)?|gave|gives?|handed|hands?|granted|grants?|awarded|awards?|presented|presents?|paid|pays?|sent|sends?|lent|lends?|donated|donates?|delivered|delivers?|suppl(?:y|ies|ied)|provid(?:e|es|ed)|leas(?:e|es|ed|ing)|licens(?:e|es|ed|ing)|rent(?:s|ed|ing)?)\b/;
/** Verbs whose subject takes something from the party after "from" ("Bo Chen bought it from Ada Lin"). */
const TAKE =
  /\b(?:bought|buys?|purchased|purchases?|acquired|acquires?|received|receives?|obtained|obtains?|took\s+over|takes?\s+over|leas(?:e|es|ed|ing)|licens(?:e|es|ed|ing)|rent(?:s|ed|ing)?)\b/;
/** The party a handing-over goes to, or comes from: the first name after the link word. */
const PARTY_AFTER = {
  to: new RegExp(`\\bto\\s+(?:the\\s+)?(${NAME.source})`),
  from: new RegExp(`\\bfrom\\s+(?:the\\s+)?(${NAME.source})`),
};
/**
 * "Supplies Bo Chen with parts", "grants Bo Chen a licence": the receiver right after the verb,
 * before "with" or what is handed over.
 */
const RECEIVER_WITH = new RegExp(
  `^\\s+(?:the\\s+)?(${NAME.source})\\s+(?:with|an?|the|its|their|\\d)\\b`,
);
/** A party named by a plain plural noun ("farmers sold ... to", "bought ... from farmers"). */
const PLAIN_BEFORE = /\b([a-z]{3,}s)\s+(?:(?:will|would|also|then|have|has|had)\s+)*$/;
const PLAIN_AFTER = {
  to: /\bto\s+(?:the\s+)?([a-z]{3,}s)\b/,
  from: /\bfrom\s+(?:the\s+)?([a-z]{3,}s)\b/,
};
/** Words of a name that tell no party from another ("Group", "Co"). */
const GENERIC = new Set(['group', 'co', 'company', 'ltd', 'corporation', 'inc', 'the']);

/** One handing-over: who gave and who received, as the stems that name each. */
interface Handover {
  giver: Set<string>;
  receiver: Set<string>;
}

const nameStems = (name: string): Set<string> =>
  new Set(
    name
      .toLowerCase()
      .split(/[^a-z]+/)
      .filter((w) => w.length > 1 && !GENERIC.has(w))
      .map(stemWord),
  );

/**
 * The handing-overs a text states, clause by clause (a decimal point ends none): the last name
 * before the verb, and the first after "to" or "from".
 */
function handovers(text: string): Handover[] {
  const out: Handover[] = [];
  // Asides in brackets ("Kestrel (0123.HK) said it ...") name no party and hide the subject.
  for (const clause of text.replace(/\([^)]*\)/g, ' ').split(/[;!?。；！？]|\.(?!\d)/)) {
    for (const [verbs, link, takes] of [
      [GIVE, 'to', false],
      [TAKE, 'from', true],
    ] as const) {
      const verb = verbs.exec(clause);
      if (!verb) continue;
      const lead = clause.slice(0, verb.index);
      const subject = PLAIN_BEFORE.exec(lead)?.[1] ?? [...(lead.match(NAME) ?? [])].pop();
      const rest = clause.slice(verb.index + verb[0].length);
      const other =
        PARTY_AFTER[link].exec(rest)?.[1] ??
        (takes ? undefined : RECEIVER_WITH.exec(rest)?.[1]) ??
        PLAIN_AFTER[link].exec(rest)?.[1];
      if (!subject || !other) continue;
      const [a, b] = [nameStems(subject), nameStems(other)];
      if (a.size === 0 || b.size === 0) continue;
      out.push(takes ? { giver: b, receiver: a } : { giver: a, receiver: b });
    }
  }
  return out;
}

/**
 * Whether the text hands over the other way round: the claim's giver receives from its
 * receiver ("Ada Lin sold the boat to Bo Chen" against "Ada Lin bought the boat from Bo Chen").
 */
export function handoverReversed(claim: string, text: string): boolean {
  const told = handovers(text);
  return handovers(claim).some((c) =>
    told.some(
      (t) =>
        overlap(c.giver, t.receiver) > 0 &&
        overlap(c.receiver, t.giver) > 0 &&
        overlap(c.giver, t.giver) === 0 &&
        overlap(c.receiver, t.receiver) === 0,
    ),
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
 * A deal in Chinese: A向B采购 or A从B收购 (A buys from B), A向B出售 (A sells to B). The words of
 * when may stand in A ("石岚港务局于2019年向B采购").
 */
const ZH_DEAL =
  /([\p{Script=Han}\d]{2,30}?)[向从]([\p{Script=Han}]{2,12}?)(收购|采购|购买|购入|订购|进口|进货|购进|买入|出售|销售|供应|提供|转让)/gu;
/**
 * A takeover said with its object: A收购B, A把B收购了 (A buys B), B被A收购 (A buys B); a clause
 * before 把 names the buyer ("A出资1亿元，把B收购了").
 */
const ZH_TAKEOVER = /([\p{Script=Han}\d，]{2,40}?)(?:收购|并购|买下)了?([\p{Script=Han}]{2,14})?/gu;
/** Where a deal's subject ends: the words of when and whether after it ("将在三年内每年"). */
const ZH_SUBJECT_END = /将|已经|已|计划|拟|在|于|以|每年|今年|明年/;
const subjectOf = (lead: string): string => {
  const end = ZH_SUBJECT_END.exec(lead)?.index ?? lead.length;
  // The party is named by its words, not by the figures and times beside it.
  const party = (end >= 2 ? lead.slice(0, end) : lead).split('由').pop()!;
  return party.replace(/[\d.，]+/g, '');
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
/** Verbs of buying (the others sell): a deal is the same one whichever word of its side. */
const ZH_BUYS = /^(收购|采购|购买|购入|订购|进口|进货|购进|买入)$/;
/** A body named before "该公司" ("the company"), which that phrase stands for. */
const ZH_BODY = /[\p{Script=Han}]{2,20}?(?:有限公司|公司|集团|合作社|企业)/gu;
/** A party said as 该公司 ("the company") is the last body the text named before it. */
const meant = (party: string, before: string): string =>
  party.startsWith('该') ? ([...before.matchAll(ZH_BODY)].pop()?.[0] ?? party) : party;

/** The deals of a Chinese text: who buys or sells, from or to whom, and whether it buys. */
function zhDeals(s: string): (readonly [string, string, boolean])[] {
  const deals = [...s.matchAll(ZH_DEAL)].map(
    (m) => [meant(subjectOf(m[1]!), s.slice(0, m.index)), m[2]!, ZH_BUYS.test(m[3]!)] as const,
  );
  for (const m of s.matchAll(ZH_TAKEOVER)) {
    const t = takeover(m[1]!, m[2]);
    if (t && t[0].length >= 2 && t[1].length >= 2) deals.push([t[0], t[1], true] as const);
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
  const dealSwapped = zhDeals(claim).some(([a, b, verb]) =>
    said.some(
      ([x, y, v]) =>
        v === verb &&
        sameParty(core(a), core(y)) &&
        sameParty(core(b), core(x)) &&
        !sameParty(core(a), core(x)),
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
