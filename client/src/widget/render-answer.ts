import type { AnswerEvent } from '../../../src/server/events.js';
import type { Citation } from '../../../src/types.js';
import { h } from './dom.js';
import { verdictIcon, type Strings } from './i18n.js';

export interface AnswerActions {
  viewSource(citation: Citation, opener: HTMLElement): void;
  feedback(answerId: string, helpful: boolean, reason?: string): Promise<unknown>;
}

/** The verdict as text and icon (never colour alone), with the confidence. */
export function verdictBadge(t: Strings, answer: Pick<AnswerEvent, 'verdict' | 'confidence'>) {
  return h(
    'p',
    { class: `badge badge-${answer.verdict.toLowerCase()}`, 'data-verdict': answer.verdict },
    h('span', { 'aria-hidden': 'true', class: 'icon' }, verdictIcon[answer.verdict]),
    ' ',
    h('strong', {}, t.verdicts[answer.verdict]),
    h('span', { class: 'confidence' }, ` · ${t.confidence(Math.round(answer.confidence * 100))}`),
  );
}

/** Answer text with its [n] markers as buttons that move focus to the citation card. */
function answerText(answer: AnswerEvent, t: Strings, cards: Map<number, HTMLElement>) {
  const p = h('p', { class: 'answer-text' });
  for (const [i, part] of answer.answer.split(/\[(\d+)\]/).entries()) {
    if (i % 2 === 0) {
      if (part) p.append(part);
      continue;
    }
    const n = Number(part);
    const marker = h(
      'button',
      { type: 'button', class: 'marker', 'aria-label': t.citation(n) },
      `[${n}]`,
    );
    marker.addEventListener('click', () => {
      const card = cards.get(n);
      card?.scrollIntoView({ block: 'nearest' });
      card?.focus();
    });
    p.append(marker);
  }
  return p;
}

function citationCard(c: Citation, t: Strings, actions: AnswerActions) {
  const view = h('button', { type: 'button', class: 'link' }, t.viewInSource);
  view.addEventListener('click', () => actions.viewSource(c, view));
  return h(
    'li',
    { class: 'citation', tabindex: '-1', 'data-n': String(c.n) },
    h('p', { class: 'citation-title' }, h('span', { class: 'n' }, `[${c.n}] `), c.title),
    h('blockquote', {}, h('mark', {}, c.quote)),
    h('p', { class: 'citation-meta' }, `${c.source} · ${t.stance[c.stance]} `, view),
  );
}

function feedbackRow(answerId: string, t: Strings, actions: AnswerActions) {
  const yes = h('button', { type: 'button', 'aria-pressed': 'false' }, t.helpful);
  const no = h('button', { type: 'button', 'aria-pressed': 'false' }, t.notHelpful);
  const status = h('span', { class: 'thanks', role: 'status' });
  const row = h(
    'div',
    { class: 'feedback' },
    h('span', {}, t.helpfulQuestion),
    ' ',
    yes,
    ' ',
    no,
    ' ',
    status,
  );
  const vote = async (helpful: boolean, reason?: string) => {
    yes.setAttribute('aria-pressed', String(helpful));
    no.setAttribute('aria-pressed', String(!helpful));
    try {
      await actions.feedback(answerId, helpful, reason);
      status.textContent = t.thanks;
    } catch (err) {
      status.textContent = `${t.error} ${(err as Error).message}`;
    }
  };
  yes.addEventListener('click', () => void vote(true));
  no.addEventListener('click', () => {
    void vote(false);
    if (row.querySelector('form')) return;
    const input = h('input', { type: 'text', maxlength: '1000', class: 'reason' });
    const label = h('label', {}, t.reasonLabel, ' ', input);
    const form = h('form', {}, label, ' ', h('button', { type: 'submit' }, t.sendReason));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void vote(false, input.value.trim() || undefined).then(() => form.remove());
    });
    row.append(form);
    input.focus();
  });
  return row;
}

/** The whole answer: badge, text, citation cards and feedback buttons. */
export function renderAnswer(
  answer: AnswerEvent,
  t: Strings,
  actions: AnswerActions,
  isUpdate = false,
) {
  const cards = new Map<number, HTMLElement>();
  const list = h('ol', { class: 'citations', 'aria-label': t.sources });
  for (const c of answer.citations) {
    const card = citationCard(c, t, actions);
    cards.set(c.n, card);
    list.append(card);
  }
  return h(
    'article',
    { class: 'answer', 'data-answer-id': answer.answerId, 'aria-label': t.service },
    isUpdate && h('p', { class: 'updated' }, t.updated),
    verdictBadge(t, answer),
    answerText(answer, t, cards),
    answer.citations.length > 0 && list,
    feedbackRow(answer.answerId, t, actions),
  );
}
