import type { Moderator } from '../../../src/store/moderation-accounts.js';
import { h } from '../widget/dom.js';
import { api, ApiError } from './api.js';

interface OneTimePassword {
  moderator: Moderator;
  password: string;
}

const problem = (err: unknown) => (err instanceof ApiError ? err.message : String(err));

/** Everyone: change one's own password (the current one is asked again). */
function passwordForm(): HTMLElement {
  const current = h('input', {
    id: 'password-current',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const next = h('input', {
    id: 'password-new',
    type: 'password',
    autocomplete: 'new-password',
    minlength: '12',
    required: true,
  });
  const status = h('p', { role: 'status' });
  const form = h(
    'form',
    { 'aria-labelledby': 'password-title' },
    h('h3', { id: 'password-title' }, 'My password'),
    h('label', { for: 'password-current' }, 'Current password'),
    current,
    h('label', { for: 'password-new' }, 'New password (at least 12 characters)'),
    next,
    h('p', {}, h('button', { type: 'submit' }, 'Change password')),
    status,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await api('POST', 'password', { current: current.value, password: next.value });
      form.reset();
      status.textContent = 'Password changed; your other sessions were ended.';
    } catch (err) {
      status.textContent = problem(err);
    }
  });
  return form;
}

/**
 * The accounts section: everyone changes their own password; admins also list, add, disable or
 * re-enable accounts, change roles and reset passwords (a new one-time password shown once).
 */
export function accountsPanel(isAdmin: boolean): { element: HTMLElement; refresh(): void } {
  const list = h('ul', { 'aria-label': 'Moderator accounts' });
  const status = h('p', { role: 'status', 'aria-live': 'polite' });
  const showPassword = ({ moderator, password }: OneTimePassword) => {
    status.replaceChildren(
      `One-time password for ${moderator.name} (shown once): `,
      h('code', {}, password),
    );
  };
  const act = async (action: () => Promise<unknown>) => {
    try {
      await action();
      await refresh();
    } catch (err) {
      status.textContent = problem(err);
    }
  };

  const accountItem = (m: Moderator) => {
    const role = h(
      'select',
      { 'aria-label': `Role of ${m.name}` },
      h('option', { value: 'moderator' }, 'moderator'),
      h('option', { value: 'admin' }, 'admin'),
    );
    role.value = m.role;
    role.addEventListener('change', () =>
      act(() => api('PATCH', `moderators/${m.id}`, { role: role.value })),
    );
    const toggle = h(
      'button',
      { type: 'button', 'aria-label': `${m.disabled ? 'Enable' : 'Disable'} ${m.name}` },
      m.disabled ? 'Enable' : 'Disable',
    );
    toggle.addEventListener('click', () =>
      act(() => api('PATCH', `moderators/${m.id}`, { disabled: !m.disabled })),
    );
    const reset = h(
      'button',
      { type: 'button', 'aria-label': `Reset password for ${m.name}` },
      'Reset password',
    );
    reset.addEventListener('click', () =>
      act(async () =>
        showPassword(await api<OneTimePassword>('POST', `moderators/${m.id}/password`)),
      ),
    );
    return h(
      'li',
      {},
      h('strong', {}, m.name),
      m.disabled ? ' (disabled) ' : ' ',
      role,
      ' ',
      toggle,
      ' ',
      reset,
    );
  };

  async function refresh(): Promise<void> {
    if (!isAdmin) return;
    list.replaceChildren(...(await api<Moderator[]>('GET', 'moderators')).map(accountItem));
  }

  const name = h('input', { id: 'account-name', autocomplete: 'off', required: true });
  const newRole = h(
    'select',
    { id: 'account-role' },
    h('option', { value: 'moderator' }, 'moderator'),
    h('option', { value: 'admin' }, 'admin'),
  );
  const add = h(
    'form',
    { 'aria-labelledby': 'account-add-title' },
    h('h3', { id: 'account-add-title' }, 'Add a moderator'),
    h('label', { for: 'account-name' }, 'Name'),
    name,
    h('label', { for: 'account-role' }, 'Role'),
    newRole,
    h('p', {}, h('button', { type: 'submit' }, 'Add moderator')),
  );
  add.addEventListener('submit', (e) => {
    e.preventDefault();
    void act(async () => {
      showPassword(
        await api<OneTimePassword>('POST', 'moderators', { name: name.value, role: newRole.value }),
      );
      add.reset();
    });
  });

  const element = h(
    'section',
    { 'aria-labelledby': 'accounts-title' },
    h('h2', { id: 'accounts-title' }, 'Accounts'),
    ...(isAdmin ? [list, add, status] : []),
    passwordForm(),
  );
  void refresh().catch(() => undefined);
  return { element, refresh: () => void refresh().catch(() => undefined) };
}
