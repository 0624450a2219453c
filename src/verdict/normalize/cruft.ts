/**
 * Forwarded-message cruft: the shouting, pleading and chain-letter phrases that wrap a claim in
 * viral messages. Removing them leaves the claim a fact-checker would check.
 */

// A plea to spread needs a spreading verb with its audience ("share with everyone", "pass it on"),
// or is a clause of its own ("Share this!"): "they send 5G signals" is not a plea.
const SPREAD_VERB = String.raw`(?:please\s+)?(?:share|forward|send|spread|repost|pass|copy\s+and\s+paste)`;
const SPREAD_OBJECT = String.raw`(?:this|it|the\s+word|(?:this|the)\s+(?:message|post|video|news|info|information|warning))`;
const AUDIENCE = String.raw`(?:to|with)\s+(?:everyone|everybody|all|your|every|friends|family|groups?|parents|moms|others|loved)\b[^.!?。！？:：\n]*`;
const SPREAD_TAIL = String.raw`(?:on|along|around|widely|now|asap|immediately|everywhere)\b`;

/** Whole phrases that ask to spread or react, never part of a claim (matched case-insensitively). */
const CRUFT_PHRASES: RegExp[] = [
  new RegExp(
    String.raw`\b${SPREAD_VERB}\s+(?:${SPREAD_OBJECT}\s*(?:${AUDIENCE}|${SPREAD_TAIL})|${AUDIENCE}|(?:now|asap|immediately)\b)`,
    'gi',
  ),
  // "Share this!" as a clause of its own (not "built to spread it").
  new RegExp(
    String.raw`(?<=^|[.!?。！？:：\n]\s*)${SPREAD_VERB}\s+${SPREAD_OBJECT}\s*(?=[.!?,;:。！？]|$)`,
    'gi',
  ),
  /\b(share|forward|repost)\s*(this|it)?\s*(before\s+it'?s\s+(deleted|removed|gone))?\s*[!.]*$/gi,
  /\bbefore\s+it'?s\s+(deleted|removed|taken\s+down)\b/gi,
  /\b(forwarded|shared)\s+(many|multiple|countless)\s+times\b/gi,
  /\b(urgent|breaking(\s+news)?|warning|attention|alert|must\s+read|moms?\s+must\s+read|parents?\s+beware|unbelievable|shocking|wow|omg|fyi|important|read\s+this|delete\s+it\s+now)\b\s*[!:：.]+/gi,
  /\b(forward|share|tell)\s+to\s+(warn\s+)?(your|all)\s+\w+/gi,
  /https?:\/\/\S+|www\.\S+/gi,
];

/**
 * Chinese chain-letter phrases (紧急扩散, 请转发, 转发给…). A bare 转发 is left alone: in
 * "我姨转发了这条：…" it frames the rumor (see hearsay.ts), it does not ask to spread it.
 */
const ZH_CRUFT: RegExp[] = [
  /(紧急|重要|速看|注意|警惕|重磅|震惊|快看)(扩散|通知|提醒)?[！!]+/g,
  /(请|赶紧|快|马上|速|立即|立刻|务必|大家|一定要)(帮忙|帮我)?(转发|扩散|转告|分享)[^。！？!?\n]*/g,
  /(转发|扩散|转告|分享)(给|到)[^。！？!?：:\n]*/g,
  /转发扩散|扩散转发|(转发|扩散)(?=[！!。]|$)/g,
  /不转(发)?不是[^。！？!?\n]*/g,
  /(大家|朋友们)?(放心大胆地用|都看看)/g,
];

// Pictographs, regional-indicator flags, and the variation selector / joiner that glue emoji sequences.
const EMOJI = /\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]|\u{FE0F}|\u{200D}/gu;

/** Lower-cases words written in capitals for shouting (3+ letters), keeping acronyms like "GDP". */
export function unshout(text: string): string {
  const words = text.match(/[A-Za-z]{3,}/g) ?? [];
  const caps = words.filter((w) => w === w.toUpperCase());
  // A message mostly in capitals is shouting throughout; otherwise only long all-caps words are.
  // A lone capitalised word ("GDP" in a Chinese message) is no shouting.
  const mostlyCaps = words.length >= 3 && caps.length / words.length > 0.6;
  return text.replace(/\b[A-Z]{3,}\b/g, (w) => (mostlyCaps || w.length >= 5 ? w.toLowerCase() : w));
}

/**
 * Removes cruft, emojis and links, collapses repeated punctuation and spaces. Line breaks are
 * kept (one per run): in chat messages they end sentences.
 */
export function stripCruft(text: string): string {
  let out = text.replace(EMOJI, ' ');
  for (const re of CRUFT_PHRASES) out = out.replace(re, ' ');
  for (const re of ZH_CRUFT) out = out.replace(re, '');
  out = unshout(out);
  out = out
    .replace(/([!?！？])[!?！？]+/g, '$1')
    .replace(/\s*[-–—]\s*([.!?]|$)/g, '$1')
    .replace(/^[\s!?.,:;！？。，：；-]+/, '')
    .replace(/\s+([.,!?;:])/g, '$1')
    .replace(/[^\S\n]*\n\s*/g, '\n')
    .replace(/[^\S\n]{2,}/g, ' ')
    .replace(/([!?！？])\s*[!?！？]+/g, '$1')
    .trim()
    .replace(/\s*[!！]+$/, '')
    .trim();
  return out;
}
