import type { IngestProgressEvent } from '../../../src/moderation/events.js';
import { h } from '../widget/dom.js';
import { csrfHeader } from './api.js';
import { time } from './format.js';

interface DocumentFile {
  name: string;
  bytes: number;
  modifiedAt: number;
}

/** Admins: upload (md, txt, html, jsonl) and remove documents; ingest progress shown live. */
export function documentsPanel(): {
  element: HTMLElement;
  onProgress: (p: IngestProgressEvent) => void;
} {
  const list = h('ul', { 'aria-label': 'Uploaded documents' });
  const status = h('p', { role: 'status', 'aria-live': 'polite' });
  const file = h('input', { id: 'doc-file', type: 'file', accept: '.md,.txt,.html,.htm,.jsonl' });
  const send = h('button', { type: 'button', class: 'primary' }, 'Upload and ingest');

  const request = async (method: string, name = '', body?: ArrayBuffer) => {
    const res = await fetch(`/moderate/documents${name ? `/${encodeURIComponent(name)}` : ''}`, {
      method,
      credentials: 'same-origin',
      headers: { ...csrfHeader(), 'content-type': 'application/octet-stream' },
      body,
    });
    const data = (await res.json()) as unknown;
    if (!res.ok) {
      const err = (data as { error: { code: string; message: string } }).error;
      throw new Error(`${err.code}: ${err.message}`);
    }
    return data;
  };

  const refresh = async () => {
    const files = (await request('GET')) as DocumentFile[];
    list.replaceChildren(
      ...files.map((f) => {
        const remove = h('button', { type: 'button', 'aria-label': `Remove ${f.name}` }, 'Remove');
        remove.addEventListener('click', async () => {
          try {
            await request('DELETE', f.name);
            status.textContent = `Removing ${f.name}…`;
            void refresh();
          } catch (err) {
            status.textContent = (err as Error).message;
          }
        });
        return h('li', {}, `${f.name} · ${f.bytes} bytes · ${time(f.modifiedAt)} `, remove);
      }),
    );
  };

  send.addEventListener('click', async () => {
    const chosen = file.files?.[0];
    if (!chosen) {
      status.textContent = 'Choose a file first.';
      return;
    }
    try {
      await request('PUT', chosen.name, await chosen.arrayBuffer());
      status.textContent = `Uploaded ${chosen.name}; ingesting…`;
      void refresh();
    } catch (err) {
      status.textContent = (err as Error).message;
    }
  });

  const element = h(
    'section',
    { 'aria-labelledby': 'docs-title', class: 'full' },
    h('h2', { id: 'docs-title' }, 'Documents'),
    h('label', { for: 'doc-file' }, 'Add a document (Markdown, text, HTML or JSON Lines)'),
    file,
    ' ',
    send,
    status,
    list,
  );
  void refresh().catch(() => undefined);
  return {
    element,
    onProgress(p) {
      status.textContent = p.error
        ? `Ingest failed: ${p.error.message}`
        : p.finished
          ? p.stage
          : `Ingest: ${p.stage} ${p.done}/${p.total}`;
    },
  };
}
