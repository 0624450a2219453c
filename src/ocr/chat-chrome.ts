/**
 * Chat-app and social-card chrome that OCR reads along with a forwarded claim: status bars,
 * times, sender names, "Forwarded", read marks, reactions. Pure functions on the engine's lines.
 */

/** A line as the OCR engine read it (text, 0-1 confidence, paragraph index). */
export interface ReadLine {
  text: string;
  confidence: number;
  paragraph: number;
}

const HAN_CHAR = '\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef';
const HAN_GAP = new RegExp(`(?<=[${HAN_CHAR}])\\s+(?=[${HAN_CHAR}])`, 'gu');
/** ASCII punctuation OCR reads after Chinese ("震惊 ! 吃了"), with its spaces: Chinese uses full width. */
const HAN_ASCII_PUNCTUATION = new RegExp(`(?<=[${HAN_CHAR}][\\s!?]*)\\s*([!?:;,])\\s*`, 'gu');
const FULLWIDTH: Record<string, string> = { '!': '！', '?': '？', ':': '：', ';': '；', ',': '，' };
/** A space OCR puts between a Chinese character and a number (2.1 万 → 2.1万), either side. */
const HAN_DIGIT_GAP = new RegExp(
  `(?<=[${HAN_CHAR}])\\s+(?=\\d)|(?<=\\d)\\s+(?=[${HAN_CHAR}])`,
  'gu',
);
const HAN_START = new RegExp(`^[${HAN_CHAR}]`, 'u');
const HAN_END = new RegExp(`[${HAN_CHAR}]$`, 'u');

const TIME = String.raw`(?:上午|下午|凌晨|晚上|昨天|今天)?\s*\b\d{1,2}[:.]\d{2}\b(?:\s*[ap]\.?m\.?)?`;
const NETWORK = String.raw`(?:\d{1,3}\s*%|\b[2345]G\b|\bLTE\b|\bWi-?Fi\b)`;
/** A phone's status bar: the clock with battery or network beside it. */
const STATUS_BAR = new RegExp(`${TIME}.*${NETWORK}|${NETWORK}.*${TIME}`, 'iu');
/** A message's time and read marks at the end of a line (marks OCR'd as vv, v/, W or 4). */
const TRAILING_TIME = new RegExp(
  String.raw`\s*(?:${TIME}\s*(?:[✓✔√☑]+|v ?v|v/|W|4)?|\b\d{3,4}\s*(?:[✓✔√☑]+|vv|v/))\s*$`,
  'iu',
);
/** "2 h", "5 mins ago", "3小时前": the byline of a post or news card. */
const RELATIVE_TIME = /\b\d{1,2}\s?(?:h|hrs?|mins?)\b(?:\s+ago)?|\d+\s*(?:分钟|小时|天)前/iu;
/** Markers removed wherever they stand. */
const MARKERS =
  /\b(?:Forwarded(?: many times| message)?)\b|已转发|转发的消息|[✓✔√☑↪➦»«‹›|©®•·~_=]+/giu;
/** Words that are chrome when they are all a line holds (a claim may well say "read"). */
const ONLY_CHROME_WORDS =
  /^(?:(?:read|seen|delivered|edited|today|yesterday|online|typing\.*|last seen.*|已读|未读|已编辑|在线|今天|昨天|正在输入\.*)\s*)+$/iu;

/** Whole lines that are app furniture: the input bar, reaction counts, back buttons. */
const CHROME_LINES: RegExp[] = [
  /^(type a message|message|输入消息|发送|send)$/iu,
  /\b(share|comment|like|reply|repost)s?\b.*\b(share|comment|like|reply|repost)s?\b/iu,
  /(分享|评论|点赞|转发).*(分享|评论|点赞|转发)/u,
  // A reactions bar half misread still starts or ends with its count or its "Share".
  /^(share|分享)(?![a-z])|(share|comment|分享|评论).*\d+(\.\d+)?\s*(k|万|千)?$/iu,
  /^[<‹«《〈]/u,
  STATUS_BAR,
];

/**
 * A status bar whose clock was misread ("41 5G nam 87 4"): a network token among short
 * fragments. A claim about 5G ("5G towers spread the virus") has real words and stays.
 */
function isGarbledStatusBar(line: string): boolean {
  if (!/\b([345]G|LTE)\b/iu.test(line)) return false;
  const tokens = line.split(/\s+/u);
  return tokens.filter((t) => t.length <= 3).length >= Math.max(3, tokens.length * 0.75);
}

/** Line confidence under which a line shorter than the longest is taken for misread chrome. */
const NOISE_CONFIDENCE = 0.6;

const letters = (s: string) => s.match(/[\p{L}\p{N}]/gu)?.length ?? 0;

/** Removes the spaces OCR puts between Chinese characters (喝 星巴克 → 喝星巴克). */
export function joinHanSpacing(text: string): string {
  return text
    .replace(HAN_ASCII_PUNCTUATION, (_, mark: string) => FULLWIDTH[mark] ?? mark)
    .replace(HAN_GAP, '')
    .replace(HAN_DIGIT_GAP, '')
    .replace(/(?<=\d) \.(?=\d)/gu, '.');
}

/** The line with chrome tokens removed; an empty string when nothing meaningful is left. */
export function stripChromeTokens(line: string): string {
  const trimmed = line.trim();
  if (CHROME_LINES.some((re) => re.test(trimmed)) || isGarbledStatusBar(trimmed)) return '';
  if (RELATIVE_TIME.test(trimmed) && trimmed.split(/\s+/u).length <= 6) return '';
  const rest = trimmed
    .replace(TRAILING_TIME, '')
    .replace(MARKERS, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
  if (ONLY_CHROME_WORDS.test(rest)) return '';
  // What is left of chrome is a stray letter or two ("ull", "EL"), not a claim.
  return letters(rest) >= 3 || /\p{Script=Han}{2}/u.test(rest) ? rest : '';
}

/** A sender name or chat title: a short line without punctuation above the message. */
function isNameLine(text: string): boolean {
  if (/[.!?,;:。！？，；：、"“”]/u.test(text)) return false;
  if (/^\p{Script=Han}{1,4}$/u.test(text)) return true;
  if (/^\+?[\d\s()-]{7,}$/u.test(text)) return true;
  const words = text.split(' ');
  return words.length <= 3 && words.every((w) => /^\p{Lu}[\p{Ll}'’-]*$/u.test(w));
}

/** Joins two pieces of one sentence: no space between Chinese, no hyphen at a broken word. */
function joinPieces(a: string, b: string): string {
  if (a === '') return b;
  if (/\p{L}-$/u.test(a) && /^\p{Ll}/u.test(b)) return a.slice(0, -1) + b;
  if (HAN_END.test(a) && HAN_START.test(b)) return a + b;
  return `${a} ${b}`;
}

/**
 * The claim text of a screenshot: chrome lines and tokens removed, sender names dropped, lines
 * joined into running text; confidence is the kept lines' mean, weighted by length.
 */
export function cleanChatText(lines: readonly ReadLine[]): { text: string; confidence: number } {
  const kept = lines
    .map((l) => ({ ...l, text: stripChromeTokens(joinHanSpacing(l.text.trim())) }))
    .filter((l) => l.text !== '');
  // A name, or a doubtful fragment (small grey chrome in italics reads as "© ELMER"), counts
  // only beside longer text: a short claim on its own is still the claim.
  const longest = Math.max(0, ...kept.map((l) => letters(l.text)));
  const body = kept.filter(
    (l, i) =>
      !(
        letters(l.text) < longest &&
        ((i < kept.length - 1 && isNameLine(l.text)) || l.confidence < NOISE_CONFIDENCE)
      ),
  );
  const text = joinHanSpacing(body.reduce((acc, l) => joinPieces(acc, l.text), ''));
  const weight = body.reduce((n, l) => n + l.text.length, 0);
  const confidence =
    weight === 0 ? 0 : body.reduce((n, l) => n + l.confidence * l.text.length, 0) / weight;
  return { text, confidence };
}
