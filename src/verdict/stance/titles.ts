import { NAME, namesNoOne } from './roles.js';

/**
 * A person's post, as the claim and the text give it: "Ada Lin, dean of Ardlow College",
 * "Ardlow mayor Ivo Marsh", "Ivo Marsh is the secretary of the Harbour Board". The text denies
 * the claim's post when every post it gives the same person is another one (a dean is no
 * chairman) or another body's (the Harbour Board's secretary is not the Ferry Board's).
 */

/**
 * Nouns that name a post, each with the post it names ("chairwoman" is a chair). Academic ranks
 * ("professor") are not posts: a dean is one too. Parts of a compound are read apart
 * ("procurator-general" is a procurator's post, "vice-president" a president's).
 */
const POSTS: Record<string, string> = {
  secretary: 'secretary',
  chairman: 'chair',
  chairwoman: 'chair',
  chairperson: 'chair',
  chair: 'chair',
  president: 'president',
  director: 'director',
  dean: 'dean',
  governor: 'governor',
  mayor: 'mayor',
  minister: 'minister',
  magistrate: 'magistrate',
  procurator: 'procurator',
  prosecutor: 'procurator',
  judge: 'judge',
  manager: 'manager',
  spokesperson: 'spokesperson',
  spokesman: 'spokesperson',
  spokeswoman: 'spokesperson',
  founder: 'founder',
  ceo: 'ceo',
  commissioner: 'commissioner',
  ambassador: 'ambassador',
  premier: 'premier',
  chancellor: 'chancellor',
  principal: 'principal',
  treasurer: 'treasurer',
  editor: 'editor',
  // Posts that name no particular one: "the head of Ardlow Port" may be its director.
  head: '',
  chief: '',
  leader: '',
};
const postOf = (w: string): string | undefined => POSTS[w.toLowerCase()];
const isPost = (w: string): boolean => w.split('-').some((part) => postOf(part) !== undefined);
/** Words that grade a post without changing it ("deputy mayor" is a mayor's post for this). */
const GRADE = /^(?:deputy|vice|assistant|acting|executive|first|former|then|current|the|a|an)$/i;
/**
 * Where a title after a name ends: a clause, the next item of a list, or a verb. "And" does not
 * end one ("Party Secretary and Chairman of Ardlow Port").
 */
const TITLE_END = /[,;:.!?()"“”。；！？]|\s(?:who|which|said|says|told|has|had|was|is|will)\s/;
/** Words of a title read after a name. */
const TITLE_WORDS = 12;
/** Words right before a name that may be its title ("Ardlow Port director Ivo Marsh"). */
const TITLE_BEFORE = 4;

interface Post {
  /** Posts named ("dean", "mayor"); empty when only a vague one ("head") is said. */
  posts: Set<string>;
  /** Capitalised words naming the body or place of the post ("Ardlow", "Harbour"). */
  bodies: Set<string>;
  /** Every word of the title, lower case: a body may be written in lower case elsewhere. */
  words: Set<string>;
}

const words = (s: string): string[] => s.split(/\s+/).filter(Boolean);
/** "Ardlow's" names Ardlow. */
const bare = (w: string): string => w.replace(/['’]s$/, '').replace(/[^A-Za-z-]/g, '');

/** A word of a title before a name: a post, a grade, or a capitalised (possessive) name. */
const titleWord = (w: string): boolean =>
  /^[A-Za-z-]+(?:['’]s)?$/.test(w) && (isPost(bare(w)) || GRADE.test(w) || /[A-Z]/.test(w));

function readPost(title: string): Post | undefined {
  const ws = words(title).map(bare).filter(Boolean);
  if (!ws.some(isPost)) return undefined;
  const parts = ws.flatMap((w) => w.split('-'));
  return {
    posts: new Set(parts.map((w) => postOf(w)).filter((p): p is string => !!p)),
    bodies: new Set(
      ws.filter((w) => /^[A-Z]/.test(w) && !isPost(w) && !GRADE.test(w) && !namesNoOne(w)),
    ),
    words: new Set(parts.map((w) => w.toLowerCase())),
  };
}

/**
 * Each person a text names with a post: the name (two or more capitalised words, titles before
 * it taken off) and the posts said right before it, in apposition after it, or after "is".
 */
function postsOf(text: string): Map<string, Post[]> {
  const out = new Map<string, Post[]>();
  for (const m of text.matchAll(NAME)) {
    const all = words(m[0]);
    // "Deputy Director Ivo Marsh": the leading title words are the post, not the name.
    let titled = 0;
    while (titled < all.length && (isPost(bare(all[titled]!)) || GRADE.test(all[titled]!)))
      titled++;
    const name = all.slice(titled);
    if (name.length < 2 || name.some((w) => namesNoOne(w) || isPost(w))) continue;
    // The title right before a name runs back over capitalised words and posts only ("Ardlow
    // Port director"), not into the sentence ("Wow! Mayor Ivo Marsh").
    const lead = words(text.slice(Math.max(0, m.index - 60), m.index));
    let from = lead.length;
    while (from > 0 && lead.length - from < TITLE_BEFORE && titleWord(lead[from - 1]!)) from--;
    const before = lead.slice(from).join(' ');
    const after = text.slice(m.index + m[0].length);
    const appositive = /^\s*,\s*/.exec(after);
    const copula = /^\s+(?:is|was|serves\s+as|served\s+as|spoke\s+as|acts\s+as|as)\s+/.exec(after);
    const rest = appositive ?? copula;
    const titles = [
      `${before} ${all.slice(0, titled).join(' ')}`,
      rest
        ? words(after.slice(rest[0].length).split(TITLE_END)[0]!).slice(0, TITLE_WORDS).join(' ')
        : '',
    ];
    const posts = titles.map(readPost).filter((p): p is Post => p !== undefined);
    if (posts.length === 0) continue;
    const key = name.join(' ');
    out.set(key, [...(out.get(key) ?? []), ...posts]);
  }
  return out;
}

const some = (a: Set<string>, pred: (w: string) => boolean): boolean => [...a].some(pred);

/**
 * Whether two posts cannot be one: other posts, or bodies each names that the other's title
 * never says ("Harbour Board" is said by "chairman of the board of Ardlow Harbour").
 */
function otherPost(claimed: Post, told: Post): boolean {
  const posts =
    claimed.posts.size > 0 && told.posts.size > 0 && !some(claimed.posts, (p) => told.posts.has(p));
  const bodies =
    some(claimed.bodies, (b) => !told.words.has(b.toLowerCase())) &&
    some(told.bodies, (b) => !claimed.words.has(b.toLowerCase()));
  return posts || bodies;
}

/** Whether the text gives a person of the claim only posts other than the claim's. */
export function postDenied(claim: string, text: string): boolean {
  // Most claims give no one a post: the text is then not read at all.
  const claimedPosts = postsOf(claim);
  if (claimedPosts.size === 0) return false;
  const told = postsOf(text);
  for (const [person, claimed] of claimedPosts) {
    const given = told.get(person);
    if (given && claimed.some((c) => given.every((t) => otherPost(c, t)))) return true;
  }
  return false;
}
