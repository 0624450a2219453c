/**
 * Hearsay frames: "I heard", "someone said", "my aunt forwarded this:", "听说", "网传". They say
 * where the reader met a rumor; the claim to check is what was heard. Attributions to a named
 * source ("The WHO said …", "专家说…") are part of the claim and stay.
 */
import type { Lang } from './language.js';

/** Someone vague (or close to the reader) who said something. */
const EN_SAYER = String.raw`(?:someone|somebody|people|they|everyone|everybody|folks|rumou?r|word|a\s+(?:friend|colleague|coworker|neighbou?r|guy|doctor|nurse|teacher)(?:\s+of\s+mine)?|some\s+(?:people|guy|guys|person|folks|friends?)|(?:my|our)\s+[\w'-]+(?:\s+[\w'-]+)?)`;
const EN_SAID = String.raw`(?:(?:just|also|keeps?|always)\s+)?(?:said|says|say|told\s+(?:me|us)|tells\s+(?:me|us)|posted|wrote|claims?|claimed|swears?|insists?|has\s+it|(?:is|are)\s+saying)`;
/** Where the sayer is: "someone in my group chat". */
const EN_WHERE = String.raw`(?:\s+(?:in|on|from|at)\s+(?:the\s+|a\s+|my\s+|our\s+)?[\w'-]+(?:\s+[\w'-]+)?)?`;
const EN_PLACE = String.raw`(?:\s+(?:to\s+(?:me|us)|online|today|yesterday|in\s+(?:the|a|our|my)\s+[\w'-]+(?:\s+[\w'-]+)?|on\s+[\w'-]+))*`;

/** Leading frames, tried in order and repeatedly ("Apparently, my aunt said that …"). */
const EN_FRAMES: RegExp[] = [
  // Openers: "Hi all, …", "Well, …", "So I heard …" (not the "well" of "Well water …").
  /^(?:(?:hi|hey|hello)(?:\s+(?:guys|all|everyone|folks))?|so|ok|okay|guys|well|also|and)\s*[,!]\s*/i,
  /^(?:so|ok|okay|and|also|hey)\s+(?=(?:i|we|someone|somebody|people|they|my|apparently)\b)/i,
  /^(?:apparently|supposedly|allegedly|reportedly|word\s+is|rumou?r(?:\s+is)?|rumou?r\s+alert)\b\s*[,:：]?\s*/i,
  // "my aunt forwarded this:", "Got this in the family group:", "Saw this on Facebook:"
  /^[^.!?:：\n]{0,60}?\b(?:forwarded|sent|shared|posted|received|(?:got|saw|found)\s+(?:this|it|a|the\s+following)|going\s+around|circulating)\b[^.!?:：\n]{0,40}[:：]\s*/i,
  // "I heard (on the radio) that", "I read online that", "we were told"
  /^(?:i|we)(?:'ve|\s+have|'d|\s+had)?\s+(?:just\s+|also\s+|recently\s+|once\s+|always\s+)?(?:heard|read|(?:was|were)\s+told)\b(?:\s+(?:somewhere|online|today|recently|(?:on|in|from|at|via)\s+(?:the\s+|a\s+|my\s+|our\s+|some\s+)?[\w'-]+(?:\s+(?:group|chat|news|feed|page|show))?))*(?:\s+(?:a|this|the|some)\s+(?:post|message|video|article|story|rumou?r|news|thing|claim)s?(?:\s+(?:saying|that\s+says|claiming))?)?\s*(?:that\b)?\s*[,:：]?\s*/i,
  // "I saw a post saying", "I got a message that says" (a bare "I saw X" is not hearsay)
  /^(?:i|we)(?:'ve|\s+have)?\s+(?:just\s+|also\s+)?(?:saw|seen|got|received|came\s+across|found)\s+(?:a|this|the|some|one)\s+(?:[\w'-]+\s+)?(?:post|message|video|article|story|tweet|thread|rumou?r|claim)s?(?:\s+(?:on|in|from)\s+[\w'-]+(?:\s+[\w'-]+)?)?\s+(?:saying|that\s+says|which\s+says|claiming|about\s+how)\s*(?:that\b)?\s*[,:：]?\s*/i,
  // "someone said that", "my aunt says", "people are saying", "rumor has it"
  new RegExp(
    String.raw`^${EN_SAYER}${EN_WHERE}\s+${EN_SAID}${EN_PLACE}\s*(?:that\b)?\s*[,:：]?\s*`,
    'i',
  ),
];

/** Trailing frames: "…, I heard", "…, or so they say". */
const EN_TAIL =
  /[,\s]+(?:or\s+so\s+)?(?:i\s+heard|i\s+read|they\s+say|people\s+say|i\s+was\s+told|apparently|supposedly|allegedly)\s*([.!?]?)\s*$/i;

/** A sentence that only says a message was passed on: "My aunt forwarded this to me." */
const EN_FRAME_ONLY: RegExp[] = [
  /^(?:[\w'-]+\s+){0,4}(?:just\s+)?(?:forwarded|sent|shared|posted)\s+(?:me\s+|us\s+)?(?:this|it|the\s+following|a\s+message)\b[^.!?:\n]{0,40}[.!:]?$/i,
  /^(?:i\s+|we\s+)?(?:just\s+)?(?:got|received|saw|found|spotted)\s+(?:this|it|the\s+following)\b[^.!?:\n]{0,40}[.!:]?$/i,
  /^(?:this|it)(?:\s+is|'s)\s+(?:going\s+around|circulating|viral|everywhere|all\s+over)\b[^.!?:\n]{0,40}[.!:]?$/i,
];

const ZH_FRAMES: RegExp[] = [
  /^(?:我|我们)?(?:也|刚|刚刚|最近)?(?:听|看)(?:别人|人家|朋友|同事|邻居|家人|有人|网上|网友)?(?:说|讲)(?:了)?[，,：:]?/,
  /^(?:据说|网传|网曝|据传|听闻|传言|传闻|坊间传|坊间传言|有传言称|有消息称)(?:说)?[，,：:]?/,
  /^(?:网上|朋友圈|群里|家族群|微信群|抖音上|微博上)(?:里)?(?:都在|有人|很多人)?(?:说|传|流传|转)(?:的)?[，,：:]?/,
  /^(?:有人|有网友|很多人|大家都)(?:说|讲|传|在传)[，,：:]?/,
  // "我姨转发了这条：", "家族群里有人发了这个：", "我妈发来一条消息："
  /^[^。！？：:\n]{0,20}(?:转发|发来|发了|分享|收到|看到|传来)[^。！？：:\n]{0,10}[：:]/,
  // "我妈说：", "同事告诉我，"
  /^(?:我|有人|朋友|同事|邻居|群里|网友|家人|亲戚)[^。！？：:，,说\n]{0,8}(?:说|讲|告诉我)(?:的)?[：:，,]?/,
  /^(?:我|我们)?(?:刚|刚刚)?(?:看到|收到)(?:一条|一个|一篇|一段)?(?:消息|视频|文章|新闻|帖子)(?:说)?[，,：:]?/,
];

const ZH_TAIL = /[，,]?(?:据说|听说的|网上说的|听别人说的|别人说的)([。！？!?]?)$/;

const ZH_FRAME_ONLY: RegExp[] = [
  /^[^。！？\n]{0,12}(?:转发|发来|发了|分享|收到|看到)(?:了)?(?:一条|一个|这条|这个|这篇|这段)?(?:消息|信息|视频|文章|帖子|东西)?(?:给我)?[。！!：:]?$/,
  /^(?:朋友圈|群里|网上)[^。！？\n]{0,6}(?:传|转|说)(?:这个|这条|这事)[。！!]?$/,
];

export interface Heard {
  /** The text with its hearsay frames removed. */
  text: string;
  /** Whether a frame was removed. */
  heard: boolean;
}

/** Removes leading and trailing hearsay frames, keeping what was heard. */
export function stripHearsay(text: string, lang: Lang): Heard {
  const frames = lang === 'zh' ? ZH_FRAMES : EN_FRAMES;
  const tail = lang === 'zh' ? ZH_TAIL : EN_TAIL;
  let out = text.trim();
  for (let round = 0; round < 4; round++) {
    const before = out;
    for (const re of frames) out = out.replace(re, '').trim();
    out = out.replace(tail, '$1').trim();
    if (out === before) break;
  }
  return { text: out, heard: out !== text.trim() };
}

/** Whether a sentence only says that a message was passed on, with no claim of its own. */
export function isFrameOnly(text: string, lang: Lang): boolean {
  const t = text.trim();
  return (lang === 'zh' ? ZH_FRAME_ONLY : EN_FRAME_ONLY).some((re) => re.test(t));
}
