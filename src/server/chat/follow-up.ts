import type { FollowUpKind } from '../events.js';

/**
 * Short messages that ask about the previous answer rather than state a new claim. Matched on
 * the whole message (lower-cased, punctuation and spaces removed), so "Why is the sky blue?"
 * stays a claim while "why?" or "为什么？" expands the last answer.
 */
const PHRASES: Record<FollowUpKind, string[]> = {
  why: [
    'why',
    'whynot',
    'howcome',
    'howdoyouknow',
    'explain',
    'explainplease',
    '为什么',
    '为啥',
    '为何',
    '怎么知道',
    '凭什么',
    '解释一下',
    '為什麼',
  ],
  sources: [
    'sources',
    'source',
    'yoursources',
    'whatsources',
    'whatisthesource',
    'whatsthesource',
    'whatarethesources',
    'references',
    'citations',
    'evidence',
    'proof',
    '来源',
    '出处',
    '消息来源',
    '证据',
    '依据',
    '來源',
    '出處',
  ],
  more: [
    'more',
    'tellmemore',
    'moreplease',
    'goon',
    'details',
    'moredetails',
    'anythingelse',
    '更多',
    '详细',
    '详细点',
    '详细一点',
    '还有呢',
    '还有吗',
    '多说点',
    '詳細',
    '還有嗎',
  ],
};

const LOOKUP = new Map<string, FollowUpKind>(
  (Object.entries(PHRASES) as [FollowUpKind, string[]][]).flatMap(([kind, phrases]) =>
    phrases.map((p) => [p, kind] as [string, FollowUpKind]),
  ),
);

/** The follow-up a message asks for, or undefined when the message is a claim. */
export function detectFollowUp(text: string): FollowUpKind | undefined {
  if (text.length > 40) return undefined;
  const key = text.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
  return LOOKUP.get(key);
}

/** Whether the message is written in Chinese (answers to follow-ups use its language). */
export const isChinese = (text: string): boolean => /\p{Script=Han}/u.test(text);
