import type { FeedClaim } from '../../../src/moderation/events.js';
import { h } from '../widget/dom.js';

/**
 * What a screenshot claim came as: its thumbnail when screenshots are kept (KEEP_IMAGES), else
 * the text read off it. Nothing for a typed claim.
 */
export function screenshotOf(c: FeedClaim): HTMLElement | '' {
  if (c.read === undefined) return '';
  if (c.hasImage && c.answerId)
    return h('img', {
      class: 'shot',
      src: `/api/v1/moderate/claims/${encodeURIComponent(c.answerId)}/image`,
      alt: `Screenshot that reads: ${c.read}`,
      loading: 'lazy',
    });
  return h('div', { class: 'muted read' }, `From a screenshot, read as: ${c.read}`);
}
