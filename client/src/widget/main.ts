/**
 * The embeddable fact-check widget:
 *   <script src="https://host/widget.js" data-server="https://host" async></script>
 * It mounts into an element with `data-factcheck-widget` when the page has one, otherwise into
 * a floating panel opened from a button. Options: data-server (default: where the script came
 * from), data-lang (en or zh; default: the page's, then the browser's language).
 */
import type { AnswerEvent } from '../../../src/server/events.js';
import { createApi } from './api.js';
import { h } from './dom.js';
import { pickLang, STRINGS } from './i18n.js';
import { createPanel } from './panel.js';
import { createSession } from './session.js';
import { createSourceViewer } from './source-viewer.js';
import { styles } from './styles.js';

/** Shown only when the connection stays down this long; brief drops reconnect silently. */
const OFFLINE_NOTICE_MS = 3000;

function start(script: HTMLScriptElement | null) {
  const server = (
    script?.dataset.server || (script?.src ? new URL(script.src).origin : location.origin)
  ).replace(/\/+$/, '');
  const lang = pickLang(script?.dataset.lang, document.documentElement.lang, navigator.language);
  const t = STRINGS[lang];

  const inline = document.querySelector<HTMLElement>('[data-factcheck-widget]');
  const host = inline ?? document.body.appendChild(document.createElement('div'));
  const root = host.attachShadow({ mode: 'open' });
  root.append(h('style', {}, styles));

  // The handlers below run only after start-up, when `session` and `api` exist.
  const viewSource = createSourceViewer(
    root,
    { source: (...args) => api.source(...args), feedback: (...args) => api.feedback(...args) },
    t,
  );
  const panel = createPanel(
    t,
    {
      viewSource: (c, opener) => void viewSource(c, opener),
      feedback: (...args) => api.feedback(...args),
    },
    (text) => session.send(text),
  );

  if (inline) root.append(panel.element);
  else {
    const launcher = h(
      'button',
      { type: 'button', class: 'launcher', 'aria-expanded': 'false' },
      t.open,
    );
    panel.element.hidden = true;
    launcher.addEventListener('click', () => {
      panel.element.hidden = !panel.element.hidden;
      launcher.setAttribute('aria-expanded', String(!panel.element.hidden));
      if (!panel.element.hidden) panel.element.querySelector('textarea')?.focus();
    });
    root.append(h('div', { class: 'floating' }, panel.element, launcher));
  }

  let offlineTimer: ReturnType<typeof setTimeout> | undefined;
  const session = createSession(server, {
    history: (messages) => panel.showHistory(messages, session.pending()),
    answer: panel.showAnswer,
    progress: panel.showProgress,
    failed: (id, error) => panel.showFailure(id, error.message),
    updated: (u) =>
      panel.showUpdate({
        ...u,
        claim: '',
        confidence: Number(u.confidence ?? 1),
        inReplyTo: '',
      } as AnswerEvent),
    connection(isOnline) {
      clearTimeout(offlineTimer);
      if (isOnline) panel.setOnline(true);
      else offlineTimer = setTimeout(() => panel.setOnline(false), OFFLINE_NOTICE_MS);
    },
  });
  const api = createApi(server, () => session.clientToken);
}

const script = document.currentScript as HTMLScriptElement | null;
if (document.readyState === 'loading')
  document.addEventListener('DOMContentLoaded', () => start(script));
else start(script);
