import type { AnswerEvent, HistoryItem, ProgressEvent } from '../../../src/server/events.js';
import type { CheckStage } from '../../../src/verdict/checker-types.js';
import { h } from './dom.js';
import type { Strings } from './i18n.js';
import { renderAnswer, type AnswerActions } from './render-answer.js';

const STAGES: CheckStage[] = ['normalize', 'retrieve', 'rerank', 'stance', 'compose'];

/** The chat panel: the conversation log, the progress of pending answers and the input form. */
export function createPanel(t: Strings, actions: AnswerActions, onSend: (text: string) => string) {
  const log = h('ol', {
    class: 'log',
    'aria-live': 'polite',
    'aria-relevant': 'additions',
    'aria-label': t.title,
  });
  const offline = h('p', { class: 'offline', role: 'status', hidden: true }, t.offline);
  const input = h('textarea', {
    id: 'fc-input',
    rows: '2',
    maxlength: '2000',
    placeholder: t.placeholder,
    required: true,
  });
  const form = h(
    'form',
    { class: 'ask' },
    h('label', { for: 'fc-input' }, t.label),
    input,
    h('button', { type: 'submit' }, t.send),
  );
  const panel = h(
    'section',
    { class: 'panel', 'aria-labelledby': 'fc-title' },
    h('h2', { id: 'fc-title' }, t.title),
    h('p', { class: 'intro' }, t.intro),
    log,
    offline,
    form,
  );
  const items = new Map<string, { li: HTMLElement; progress?: HTMLElement }>();

  function addMessage(id: string, text: string): HTMLElement {
    const existing = items.get(id);
    if (existing) return existing.li;
    const li = h(
      'li',
      { class: 'exchange', 'data-message-id': id },
      h('p', { class: 'user' }, h('span', { class: 'sr-only' }, `${t.you}: `), text),
    );
    log.append(li);
    items.set(id, { li });
    return li;
  }

  function setProgress(id: string, stage: CheckStage | 'queued') {
    const item = items.get(id);
    if (!item || item.li.querySelector('.answer')) return;
    const step = stage === 'queued' ? 0 : STAGES.indexOf(stage) + 1;
    const bar = h('progress', {
      max: String(STAGES.length + 1),
      value: String(step),
      'aria-label': t.progress,
    });
    const progress = h(
      'div',
      { class: 'progress', 'data-stage': stage },
      bar,
      ' ',
      h('span', {}, t.stages[stage]),
    );
    if (item.progress) item.progress.replaceWith(progress);
    else item.li.append(progress);
    item.progress = progress;
  }

  function showAnswer(answer: AnswerEvent) {
    const li = addMessage(answer.inReplyTo, answer.claim);
    const item = items.get(answer.inReplyTo);
    item?.progress?.remove();
    if (item) item.progress = undefined;
    li.querySelector('.answer')?.remove();
    li.append(renderAnswer(answer, t, actions));
    li.scrollIntoView({ block: 'nearest' });
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    const id = onSend(text);
    addMessage(id, text);
    setProgress(id, 'queued');
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      form.requestSubmit();
    }
  });

  return {
    element: panel,
    showHistory(messages: HistoryItem[], pending: { id: string; text: string }[]) {
      for (const m of messages) {
        addMessage(m.id, m.text);
        if (m.answer) showAnswer(m.answer);
      }
      for (const p of pending) {
        addMessage(p.id, p.text);
        setProgress(p.id, 'queued');
      }
    },
    showAnswer,
    showProgress: (p: ProgressEvent) => setProgress(p.inReplyTo, p.stage),
    showFailure(id: string, message: string) {
      const item = items.get(id);
      if (!item) return;
      item.progress?.remove();
      item.progress = undefined;
      item.li.append(h('p', { class: 'failure', role: 'alert' }, `${t.error} ${message}`));
    },
    showUpdate(answer: AnswerEvent) {
      log
        .querySelectorAll<HTMLElement>(`[data-answer-id="${CSS.escape(answer.answerId)}"]`)
        .forEach((shown) => shown.after(renderAnswer(answer, t, actions, true)));
    },
    setOnline(isOnline: boolean) {
      offline.hidden = isOnline;
    },
  };
}
