/**
 * Reader reactions and asks: "Is this true?", "Can anyone confirm?", "Really??", "是真的吗",
 * "求辟谣". They ask for a check or voice a worry but assert nothing, so they are not claims.
 */
import { contentTokens } from '../text/terms.js';
import type { Lang } from './language.js';

/** Words of asking, doubting and reacting: a sentence with no other topic word is a reaction. */
const EN_REACTION_WORDS = new Set(
  `true truth real fake false legit legitimate correct accurate right fact facts factual hoax
  hoaxes scam rumor rumors rumour rumours myth news story post message video article claim info
  information confirm confirmed verify verified check checked debunk debunked help know knows
  think thoughts opinion opinions advice advise please pls plz guys folks friend friends everyone
  everybody anybody somebody worried worry worrying concerned scared afraid safe possible sure
  serious seriously kidding bs nonsense lie lies fiction crazy insane wow omg lol hmm huh believe
  trust source sources proof evidence heard hear read saw seen going around circulating viral
  whatsapp wechat facebook group chat forwarded sent shared honestly actually ok okay good bad
  dangerous harmful tell explain expert experts answer`.split(/\s+/),
);

/** Chinese words of asking, doubting and reacting (longer first). */
const ZH_REACTION =
  /这条消息|这个消息|这个说法|这种说法|这个|这条|这是|那个|真的假的|是不是|是否|真的|假的|真假|属实|靠谱|可信|可靠|准确|正确|对不对|求辟谣|辟谣|求证|求真相|真相|求科普|科普|求解答|解答|有没有人|有没有|有人|知道|大家|请问|问一下|问问|懂的|专业人士|帮忙|看看|看下|一下|在线等|吓死|可怕|天哪|我的天|天啊|怎么回事|怎么办|安全|有害|危险|担心|害怕|网友|朋友们|各位|说说|消息|说法|新闻|信息|传言|传闻|谣言|视频|帖子|文章|这|那|此|它|是|吗|呢|吧|啊|呀|么|嘛|哦|哈|求|谁|急|好|太|了|的|人|真|假|对|不/g;

/** A question or exclamation mark, or a Chinese asking word: what makes a clause an ask. */
const ZH_ASKING = /[吗呢？?]|真的假的|真假|辟谣|求证|求真相|谁知道|有人知道/;

/** Trailing English asks after a statement: "…, is this true?", "… - true or false?". */
const EN_TAIL_ASK =
  /[,;:\s-]+(?:(?:so\s+)?is\s+(?:this|that|it)\s+(?:really\s+|actually\s+)?(?:true|real|legit|correct|right|accurate|a\s+fact|fake|a\s+hoax|a\s+scam|for\s+real)|true\s+or\s+(?:false|not)|real\s+or\s+(?:fake|not)|fact\s+or\s+fiction|any\s+truth\s+(?:to|in)\s+(?:this|that|it)|can\s+(?:anyone|someone|somebody|you)\s+(?:confirm|verify|check)(?:\s+(?:this|that|it))?|is\s+that\s+so|or\s+is\s+(?:this|that|it)\s+(?:fake|a\s+hoax|false|a\s+myth))\s*[?!.]*$/i;

/** A one-word ask after a comma: "…, right?", "…, really?". */
const EN_TAIL_WORD = /,\s*(?:right|true|really|correct)\s*\?+$/i;

/** Leading English asks before a statement: "True or false: …", "Really? …". */
const EN_HEAD_ASK =
  /^(?:is\s+(?:this|it)\s+true|true\s+or\s+false|real\s+or\s+fake|fact\s+or\s+fiction|fact\s+check|really|seriously)\s*[?:,!]+\s*/i;

/**
 * The topic of a text, without asking and reacting words: English content stems, or Chinese
 * character pairs. Two texts that share none are about different things.
 */
export function topicKeys(text: string, lang: Lang): Set<string> {
  if (lang === 'zh') {
    const keys = new Set<string>();
    for (const run of text.replace(ZH_REACTION, ' ').match(/[\p{Script=Han}A-Za-z0-9]+/gu) ?? []) {
      const chars = Array.from(run);
      for (let i = 0; i + 1 < chars.length; i++) keys.add(chars[i]! + chars[i + 1]!);
    }
    return keys;
  }
  return new Set(
    contentTokens(text)
      .filter((t) => !EN_REACTION_WORDS.has(t.lower))
      .map((t) => t.stem),
  );
}

/** Whether a sentence only asks for a check or reacts, with no topic of its own. */
export function isReaction(text: string, lang: Lang): boolean {
  if (lang === 'zh') {
    const rest = text.replace(ZH_REACTION, '');
    return (rest.match(/\p{Script=Han}/gu) ?? []).length <= 1 && !/\d/.test(rest);
  }
  if (/\d/.test(text)) return false;
  return contentTokens(text).every((t) => EN_REACTION_WORDS.has(t.lower));
}

export interface Unasked {
  /** The text without its reaction clauses. */
  text: string;
  /** Whether a reaction clause was removed. */
  asked: boolean;
}

/**
 * Removes reaction clauses inside a sentence: "I heard X, is this true?" → "I heard X",
 * "听说X，是真的吗？" → "听说X". A sentence that is a reaction as a whole is left to isReaction.
 */
export function stripReactionClauses(text: string, lang: Lang): Unasked {
  const trimmed = text.trim();
  if (lang === 'zh') {
    const clauses = trimmed.split(/(?<=[，,：:])/);
    if (clauses.length < 2) return { text: trimmed, asked: false };
    const kept = clauses.filter((c) => !(ZH_ASKING.test(c) && isReaction(c, lang)));
    if (kept.length === 0 || kept.length === clauses.length) return { text: trimmed, asked: false };
    const out = kept.join('').replace(/[，,：:]+$/, '');
    return { text: out, asked: true };
  }
  const out = trimmed
    .replace(EN_TAIL_ASK, '')
    .replace(EN_TAIL_WORD, '')
    .replace(EN_HEAD_ASK, '')
    .trim();
  if (out.length === 0 || out === trimmed) return { text: trimmed, asked: false };
  return { text: out, asked: true };
}
