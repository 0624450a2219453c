import { io, type Socket } from 'socket.io-client';
import type { AuditEntry } from '../../../src/store/moderation-audit.js';
import type {
  ClusterSummary,
  FeedClaim,
  IngestProgressEvent,
  ModerateClientEvents,
  ModerateServerEvents,
} from '../../../src/moderation/events.js';
import type { FeedbackItem } from '../../../src/moderation/feedback-queue.js';
import { append, h } from '../widget/dom.js';
import { api, ApiError, setCsrfToken } from './api.js';
import { accountsPanel } from './accounts-panel.js';
import { screenshotOf } from './claim-image.js';
import { curatePanel } from './curate-panel.js';
import { documentsPanel } from './documents-panel.js';
import { sparkText, time, verdictText, voteText } from './format.js';
import { STYLES } from './styles.js';
import { throttle } from './throttle.js';

interface Me {
  moderator: { name: string; role: string };
  csrfToken: string;
}

/** Incoming claims refresh the cluster list at most this often. */
const CLUSTER_REFRESH_MS = 1000;

const root = document.getElementById('console') ?? document.body;
document.head.append(h('style', {}, STYLES));

function badge(verdict: string | null): HTMLElement {
  return h('span', { class: `badge v-${(verdict ?? '').toLowerCase()}` }, verdictText(verdict));
}

function showLogin(message = ''): void {
  const name = h('input', { id: 'login-name', autocomplete: 'username', required: true });
  const password = h('input', {
    id: 'login-password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const error = h('p', { class: 'error', role: 'alert' }, message);
  const form = h(
    'form',
    { id: 'login', 'aria-labelledby': 'login-title' },
    h('h1', { id: 'login-title' }, 'Moderator login'),
    h('label', { for: 'login-name' }, 'Name'),
    name,
    h('label', { for: 'login-password' }, 'Password'),
    password,
    h('p', {}, h('button', { type: 'submit', class: 'primary' }, 'Log in')),
    error,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const me = await api<Me>('POST', 'login', { name: name.value, password: password.value });
      setCsrfToken(me.csrfToken);
      showConsole(me);
    } catch (err) {
      error.textContent = err instanceof ApiError ? err.message : String(err);
    }
  });
  root.replaceChildren(form);
  name.focus();
}

function feedItem(c: FeedClaim): HTMLElement {
  return h(
    'li',
    {},
    badge(c.verdict),
    ` ${c.confidence === null ? '' : `${Math.round(c.confidence * 100)}% `}`,
    h('span', {}, c.text),
    screenshotOf(c),
    h(
      'div',
      { class: 'muted' },
      `${c.channel} · ${time(c.askedAt)}${c.reviewed ? ` · ${c.reviewed === 'curated' ? 'reviewed answer given' : 'reviewed answer suggested'}` : ''}`,
      // Updated in place when a vote arrives (feed:votes), so the item keeps its place and size.
      c.votes && c.answerId
        ? h('span', { class: 'votes', 'data-votes-for': c.answerId }, ` · ${voteText(c.votes)}`)
        : '',
    ),
    ...c.citations
      .slice(0, 2)
      .map((q) => h('blockquote', {}, `[${q.n}] ${q.title}: ${q.quote.slice(0, 160)}`)),
  );
}

function showConsole(me: Me): void {
  const feed = h('ol', { 'aria-live': 'polite', 'aria-label': 'Incoming claims', reversed: true });
  const clusters = h('ul', { 'aria-label': 'Clusters' });
  const detail = h(
    'section',
    { 'aria-label': 'Review' },
    h('p', { class: 'muted' }, 'Pick a cluster to review it.'),
  );
  const audit = h('ol', { 'aria-label': 'Audit log' });
  const feedback = h('ul', { 'aria-label': 'Not helpful votes' });
  const order = h(
    'select',
    { id: 'cluster-order' },
    h('option', { value: 'active' }, 'Most active'),
    h('option', { value: 'growth' }, 'Fastest growing'),
  );
  let selected = '';

  const logout = h('button', { type: 'button' }, 'Log out');
  logout.addEventListener('click', async () => {
    await api('POST', 'logout').catch(() => undefined);
    socket.close();
    showLogin();
  });

  const loadClusters = async () => {
    const list = await api<ClusterSummary[]>('GET', `clusters?order=${order.value}`);
    clusters.replaceChildren(
      ...list.map((c) => {
        const open = h(
          'button',
          { type: 'button', 'aria-label': `Review: ${c.claim} (${c.count} asks)` },
          'Review',
        );
        open.addEventListener('click', () => openCluster(c.id));
        return h(
          'li',
          { class: `cluster${c.id === selected ? ' selected' : ''}`, 'data-cluster': c.id },
          h('strong', {}, `${c.count}×`),
          ' ',
          c.claim,
          ' ',
          c.curated ? badge(c.curated.verdict) : '',
          h(
            'div',
            { class: 'muted' },
            `hour ${c.counts.hour} · day ${c.counts.day} · week ${c.counts.week} `,
            h(
              'span',
              {
                class: 'spark',
                'aria-label': `asks per hour, last 24 hours: ${c.sparkline.join(', ')}`,
              },
              sparkText(c.sparkline),
            ),
          ),
          open,
        );
      }),
    );
  };

  const openCluster = async (id: string) => {
    selected = id;
    const cluster = await api<ClusterSummary>('GET', `clusters/${encodeURIComponent(id)}`);
    detail.replaceChildren(
      curatePanel(cluster, () => {
        void loadClusters();
        void loadAudit();
      }),
    );
    (detail.querySelector('#curate-title') as HTMLElement | null)?.focus();
    void loadClusters();
  };

  const auditItem = (e: AuditEntry) =>
    h(
      'li',
      {},
      `${time(e.at)} · ${e.moderatorName} · ${e.action} · ${e.target}`,
      h(
        'div',
        { class: 'muted' },
        `before: ${JSON.stringify(e.before)} → after: ${JSON.stringify(e.after)}`,
      ),
    );
  const loadAudit = async () => {
    audit.replaceChildren(...(await api<AuditEntry[]>('GET', 'audit?limit=50')).map(auditItem));
  };

  const loadFeedback = async () => {
    const items = await api<FeedbackItem[]>('GET', 'feedback?limit=30');
    feedback.replaceChildren(
      ...items.map((f) =>
        h(
          'li',
          {},
          badge(f.verdict),
          ' ',
          h('a', { href: `/a/${encodeURIComponent(f.answerId)}`, target: '_blank' }, f.claim),
          h(
            'div',
            { class: 'muted' },
            `${time(f.votedAt)} · ${voteText(f.votes)} · ${f.reason ?? 'no reason given'}`,
          ),
        ),
      ),
    );
  };

  const documents = me.moderator.role === 'admin' ? documentsPanel() : undefined;
  const accounts = accountsPanel(me.moderator.role === 'admin');
  order.addEventListener('change', () => void loadClusters());
  root.replaceChildren(
    h(
      'header',
      {},
      h('h1', {}, 'Fact-check moderation'),
      h('span', {}, `${me.moderator.name} (${me.moderator.role})`),
      logout,
    ),
    h(
      'main',
      {},
      h(
        'section',
        { 'aria-labelledby': 'trending-title' },
        h('h2', { id: 'trending-title' }, 'Trending rumors'),
        h('label', { for: 'cluster-order' }, 'Sort'),
        order,
        clusters,
      ),
      detail,
      h(
        'section',
        { 'aria-labelledby': 'feed-title' },
        h('h2', { id: 'feed-title' }, 'Live feed'),
        feed,
      ),
      h(
        'section',
        { 'aria-labelledby': 'feedback-title' },
        h('h2', { id: 'feedback-title' }, 'Feedback: not helpful'),
        feedback,
      ),
      h(
        'section',
        { 'aria-labelledby': 'audit-title' },
        h('h2', { id: 'audit-title' }, 'Audit log'),
        audit,
      ),
      accounts.element,
      documents?.element,
    ),
  );

  const socket: Socket<ModerateServerEvents, ModerateClientEvents> = io('/moderate', {
    withCredentials: true,
  });
  const loadClustersSoon = throttle(() => void loadClusters(), CLUSTER_REFRESH_MS);
  socket.on('claim', (c: FeedClaim) => {
    feed.prepend(feedItem(c));
    loadClustersSoon();
  });
  socket.on('cluster', () => void loadClusters());
  socket.on('audit', (e: AuditEntry) => {
    audit.prepend(auditItem(e));
    if (e.action.startsWith('moderator.')) accounts.refresh();
  });
  // The server ends the connection when this account is disabled or its password changes.
  socket.on('disconnect', (reason) => {
    if (reason === 'io server disconnect') showLogin('Your session ended; log in again.');
  });
  socket.on('feed:votes', ({ answerId, votes, helpful }) => {
    feed.querySelectorAll(`[data-votes-for="${CSS.escape(answerId)}"]`).forEach((el) => {
      el.textContent = ` · ${voteText(votes)}`;
    });
    if (!helpful) void loadFeedback();
  });
  socket.on('ingest:progress', (p: IngestProgressEvent) => documents?.onProgress(p));
  socket.on('connect_error', (err: Error & { data?: { code?: string } }) => {
    if (err.data?.code === 'UNAUTHENTICATED') showLogin('Your session ended; log in again.');
  });

  void api<FeedClaim[]>('GET', 'feed?limit=50').then((items) =>
    append(feed, ...items.map(feedItem)),
  );
  void loadClusters();
  void loadAudit();
  void loadFeedback();
}

api<Me>('GET', 'session')
  .then((me) => {
    setCsrfToken(me.csrfToken);
    showConsole(me);
  })
  .catch(() => showLogin());
