/**
 * Forwarded-message cruft: the shouting, pleading and chain-letter phrases that wrap a claim in
 * viral messages. Removing them leaves the claim a fact-checker would check.
 */

/** Whole phrases that ask to spread or react, never part of a claim (matched case-insensitively). */
const CRUFT_PHRASES: RegExp[] = [
  /\b(please\s+)?(share|forward|send|spread|repost|pass)\b[^.!?。！？]*?\b(this|it|now|everyone|everybody|friends?|family|groups?|parents?|moms?|all|on|along|around|widely)\b[^.!?。！？]*/gi,
  /\b(share|forward|repost)\s*(this|it)?\s*(before\s+it'?s\s+(deleted|removed|gone))?\s*[!.]*$/gi,
  /\bbefore\s+it'?s\s+(deleted|removed|taken\s+down)\b/gi,
  /\b(forwarded|shared)\s+(many|multiple|countless)\s+times\b/gi,
  /\b(urgent|breaking(\s+news)?|warning|attention|alert|must\s+read|moms?\s+must\s+read|parents?\s+beware|unbelievable|shocking|wow|omg|fyi|important|read\s+this|delete\s+it\s+now)\b\s*[!:：.]+/gi,
  /\b(forward|share|tell)\s+to\s+(warn\s+)?(your|all)\s+\w+/gi,
  /https?:\/\/\S+|www\.\S+/gi,
];

/** Chinese chain-letter phrases (紧急扩散, 转发, 大家…). */
const ZH_CRUFT: RegExp[] = [
  /(紧急|重要|速看|注意|警惕|重磅|震惊|快看)(扩散|通知|提醒)?[！!]+/g,
  /(请|赶紧|快|马上)?(转发|扩散|转告|分享)(给|到)?[^。！？!?]*/g,
  /(大家|朋友们)?(放心大胆地用|都看看)/g,
];

// Pictographs, regional-indicator flags, and the variation selector / joiner that glue emoji sequences.
const EMOJI = /\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]|\u{FE0F}|\u{200D}/gu;

/** Lower-cases words written in capitals for shouting (3+ letters), keeping acronyms like "GDP". */
export function unshout(text: string): string {
  const words = text.match(/[A-Za-z]{3,}/g) ?? [];
  const caps = words.filter((w) => w === w.toUpperCase());
  // A message mostly in capitals is shouting throughout; otherwise only long all-caps words are.
  const mostlyCaps = words.length > 0 && caps.length / words.length > 0.6;
  return text.replace(/\b[A-Z]{3,}\b/g, (w) => (mostlyCaps || w.length >= 5 ? w.toLowerCase() : w));
}

/** Removes cruft, emojis and links, collapses repeated punctuation and spaces. */
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
    .replace(/\s{2,}/g, ' ')
    .replace(/([!?！？])\s*[!?！？]+/g, '$1')
    .replace(/\s*[!！]+$/, '')
    .trim();
  return out;
}
