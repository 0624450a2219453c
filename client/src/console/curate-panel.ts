import type { ClusterSummary } from '../../../src/moderation/events.js';
import type { QuotedSpan } from '../../../src/types.js';
import { append, h } from '../widget/dom.js';
import { api, ApiError } from './api.js';
import { verdictText } from './format.js';

/** A knowledge-base search hit: what a citation is picked from. */
type SearchHit = QuotedSpan;

/**
 * The review form of one cluster: verdict, answer text, and citations picked from a knowledge
 * search (each an exact span of a document, as the server checks).
 */
export function curatePanel(
  cluster: ClusterSummary,
  onSaved: (message: string) => void,
): HTMLElement {
  const picked: SearchHit[] = (cluster.curated?.citations ?? []).map((c) => ({ ...c }));
  const verdict = h('select', { id: 'curate-verdict' });
  for (const v of ['REFUTED', 'SUPPORTED', 'NOT_ENOUGH_INFO']) {
    const option = h('option', { value: v }, verdictText(v));
    if ((cluster.curated?.verdict ?? cluster.claims.at(-1)?.verdict) === v) option.selected = true;
    verdict.append(option);
  }
  const answer = h('textarea', { id: 'curate-answer' });
  answer.value = cluster.curated?.answer ?? '';
  const query = h('input', {
    id: 'curate-search',
    type: 'search',
    placeholder: 'Search the documents',
  });
  query.value = cluster.claim;
  const results = h('ul', { 'aria-live': 'polite', 'aria-label': 'Search results' });
  const chosen = h('ol', { 'aria-label': 'Chosen citations' });
  const status = h('p', { role: 'status' });

  const renderChosen = () => {
    chosen.replaceChildren(
      ...picked.map((c, i) =>
        h(
          'li',
          {},
          h('strong', {}, c.title),
          h('blockquote', {}, c.quote),
          h('button', { type: 'button', 'aria-label': `Remove citation ${i + 1}` }, 'Remove'),
        ),
      ),
    );
    chosen.querySelectorAll('button').forEach((b, i) =>
      b.addEventListener('click', () => {
        picked.splice(i, 1);
        renderChosen();
      }),
    );
  };

  const search = async () => {
    results.replaceChildren(h('li', { class: 'muted' }, 'Searching…'));
    try {
      const hits = await api<SearchHit[]>('GET', `search?q=${encodeURIComponent(query.value)}&k=6`);
      results.replaceChildren(
        ...hits.map((hit) => {
          const add = h('button', { type: 'button' }, 'Cite');
          add.addEventListener('click', () => {
            if (!picked.some((p) => p.docId === hit.docId && p.start === hit.start))
              picked.push(hit);
            renderChosen();
          });
          return h(
            'li',
            {},
            h('strong', {}, hit.title),
            ' ',
            h('span', { class: 'muted' }, hit.source),
            h('blockquote', {}, hit.quote),
            add,
          );
        }),
      );
    } catch (err) {
      results.replaceChildren(h('li', { class: 'error' }, (err as Error).message));
    }
  };

  const form = h('form', { 'aria-labelledby': 'curate-title' });
  const searchButton = h('button', { type: 'button' }, 'Search');
  searchButton.addEventListener('click', () => void search());
  query.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void search();
    }
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    status.textContent = 'Saving…';
    try {
      const saved = await api<{ corrections: number }>(
        'POST',
        `clusters/${encodeURIComponent(cluster.id)}/curated`,
        {
          verdict: verdict.value,
          answer: answer.value,
          citations: picked.map(({ docId, start, end }) => ({ docId, start, end })),
        },
      );
      status.textContent = `Saved. Corrections sent: ${saved.corrections}.`;
      onSaved(status.textContent);
    } catch (err) {
      status.textContent = err instanceof ApiError ? `${err.code}: ${err.message}` : String(err);
      status.className = 'error';
    }
  });
  append(
    form,
    h('h2', { id: 'curate-title', tabindex: '-1' }, `Review: ${cluster.claim}`),
    h(
      'p',
      { class: 'muted' },
      `${cluster.count} asks · machine verdict of the latest: ${verdictText(cluster.claims.at(-1)?.verdict ?? null)}`,
    ),
    h('label', { for: 'curate-verdict' }, 'Verdict'),
    verdict,
    h('label', { for: 'curate-answer' }, 'Answer'),
    answer,
    h('label', { for: 'curate-search' }, 'Find citations'),
    query,
    ' ',
    searchButton,
    results,
    h('h3', {}, 'Citations'),
    chosen,
    h('button', { type: 'submit', class: 'primary' }, 'Save reviewed answer'),
    status,
  );
  renderChosen();
  return form;
}
