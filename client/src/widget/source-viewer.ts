import type { Citation } from '../../../src/types.js';
import type { Api } from './api.js';
import { h } from './dom.js';
import type { Strings } from './i18n.js';

/**
 * "View in source": a modal dialog with the cited span highlighted inside its paragraph.
 * Focus moves into the dialog and returns to the button that opened it.
 */
export function createSourceViewer(root: ShadowRoot | HTMLElement, api: Api, t: Strings) {
  const heading = h('h2', { id: 'fc-source-title' });
  const body = h('div', { class: 'source-body' });
  const close = h('button', { type: 'button', class: 'close' }, t.close);
  const dialog = h(
    'dialog',
    { class: 'source', 'aria-labelledby': 'fc-source-title' },
    heading,
    body,
    close,
  );
  let opener: HTMLElement | undefined;
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => opener?.focus());
  root.append(dialog);

  return async (c: Citation, from: HTMLElement) => {
    opener = from;
    heading.textContent = `${t.sourceTitle}: ${c.title}`;
    body.replaceChildren(h('p', {}, t.loading));
    dialog.showModal();
    try {
      const s = await api.source(c.docId, c.start, c.end);
      const { text, start } = s.context;
      const a = Math.max(0, s.start - start);
      const b = Math.min(text.length, s.end - start);
      body.replaceChildren(
        h('p', { class: 'source-meta' }, s.source),
        h(
          'p',
          { class: 'context' },
          text.slice(0, a),
          h('mark', {}, text.slice(a, b)),
          text.slice(b),
        ),
      );
    } catch (err) {
      body.replaceChildren(h('p', {}, `${t.error} ${(err as Error).message}`));
    }
    close.focus();
  };
}
