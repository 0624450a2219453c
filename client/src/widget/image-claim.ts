import type { ImageRead } from '../../../src/ocr/index.js';
import { h } from './dom.js';
import type { Lang } from './i18n.js';

/** The formats the server reads; others are refused here, before any upload. */
const TYPES = ['image/png', 'image/jpeg', 'image/webp'];
/** The server's default OCR_MAX_IMAGE_BYTES; a larger file would be refused after its upload. */
const MAX_BYTES = 5 * 1024 * 1024;

const STRINGS = {
  en: {
    pick: 'Add a screenshot',
    remove: 'Remove the screenshot',
    alt: 'Screenshot to check',
    altRead: (text: string) => `Screenshot that reads: ${text}`,
    reading: 'Reading the screenshot…',
    read: 'We read the text below from the screenshot; correct it if needed, then press Check.',
    doubtful: 'The screenshot was hard to read: please check the text below carefully.',
    unsupported: 'Send a PNG, JPEG or WebP screenshot.',
    tooLarge: 'The screenshot is larger than 5 MB.',
    failed: 'The screenshot could not be read:',
    typeInstead: 'Type the claim instead.',
  },
  zh: {
    pick: '添加截图',
    remove: '移除截图',
    alt: '要核查的截图',
    altRead: (text: string) => `截图文字：${text}`,
    reading: '正在识别截图…',
    read: '以下是我们从截图中读到的文字，如有错误请修改，然后点击“核查”。',
    doubtful: '截图不够清晰，请仔细核对下面的文字。',
    unsupported: '请发送 PNG、JPEG 或 WebP 格式的截图。',
    tooLarge: '截图超过 5 MB。',
    failed: '无法识别截图：',
    typeInstead: '请直接输入要核查的说法。',
  },
};

export interface ImageClaimOptions {
  server: string;
  lang: Lang;
  /** The claim box: filled with what was read, editable before sending. */
  input: HTMLTextAreaElement;
  /** The send button, disabled while an image is being read. */
  submit: HTMLButtonElement;
  /** Where an image may be dropped (the panel). */
  dropZone: HTMLElement;
}

/**
 * Screenshot claims in the widget: paste, drop or pick an image; it is previewed and read by the
 * server (POST /api/v1/read-image), and the text read fills the claim box, editable, before the
 * check. The image then goes with the claim (`take`), so the answer carries what was read.
 */
export function createImageClaim(options: ImageClaimOptions) {
  const { input, submit } = options;
  const t = STRINGS[options.lang];
  const file = h('input', { type: 'file', accept: TYPES.join(','), hidden: true, tabindex: '-1' });
  const pick = h('button', { type: 'button', class: 'pick' }, t.pick);
  const status = h('p', { class: 'image-status', role: 'status' });
  const preview = h('img', { class: 'shot', alt: t.alt });
  const remove = h('button', { type: 'button', class: 'remove' }, t.remove);
  const figure = h('figure', { class: 'shot-preview', hidden: true }, preview, remove);
  const element = h('div', { class: 'image-claim' }, pick, file, figure, status);
  let attached: ArrayBuffer | undefined;
  /** Each attach supersedes a read still in flight. */
  let generation = 0;

  function clear(message = '') {
    generation++;
    attached = undefined;
    figure.hidden = true;
    preview.removeAttribute('src');
    preview.alt = t.alt;
    status.textContent = message;
    submit.disabled = false;
  }

  async function read(bytes: ArrayBuffer, type: string): Promise<ImageRead> {
    const body = new FormData();
    body.append('image', new Blob([bytes], { type }), 'screenshot');
    const res = await fetch(`${options.server}/api/v1/read-image`, { method: 'POST', body });
    const json = (await res.json()) as ImageRead & { error?: { message: string } };
    if (!res.ok) throw new Error(json.error?.message ?? res.statusText);
    return json;
  }

  async function attach(image: File): Promise<void> {
    if (!TYPES.includes(image.type)) return clear(t.unsupported);
    if (image.size > MAX_BYTES) return clear(t.tooLarge);
    clear(t.reading);
    const mine = generation;
    const bytes = await image.arrayBuffer();
    // A data: URL, which the default image policy (img-src 'self' data:) allows, unlike blob:.
    preview.src = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsDataURL(image);
    });
    figure.hidden = false;
    submit.disabled = true;
    try {
      const got = await read(bytes, image.type);
      if (mine !== generation) return;
      attached = bytes;
      input.value = got.text;
      preview.alt = t.altRead(got.text);
      status.textContent = got.isLowConfidence ? `${t.read} ${t.doubtful}` : t.read;
      submit.disabled = false;
      input.focus();
    } catch (err) {
      if (mine !== generation) return;
      clear(`${t.failed} ${(err as Error).message} ${t.typeInstead}`);
    }
  }

  const firstImage = (files: FileList | null | undefined) =>
    Array.from(files ?? []).find((f) => f.type.startsWith('image/'));

  pick.addEventListener('click', () => file.click());
  file.addEventListener('change', () => {
    const chosen = file.files?.[0];
    file.value = '';
    if (chosen) void attach(chosen);
  });
  remove.addEventListener('click', () => {
    clear();
    pick.focus();
  });
  input.addEventListener('paste', (e) => {
    const pasted = firstImage(e.clipboardData?.files);
    if (!pasted) return;
    e.preventDefault();
    void attach(pasted);
  });
  options.dropZone.addEventListener('dragover', (e) => {
    if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
  });
  options.dropZone.addEventListener('drop', (e) => {
    const dropped = firstImage(e.dataTransfer?.files);
    if (!dropped) return;
    e.preventDefault();
    void attach(dropped);
  });

  return {
    element,
    /** The attached screenshot, for the claim being sent; the widget is then ready for the next. */
    take(): ArrayBuffer | undefined {
      const image = attached;
      if (image) clear();
      return image;
    },
  };
}

/** The styles of the screenshot controls (appended to the widget's). */
export const imageClaimStyles = `
.image-claim { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
.pick, .remove { font: inherit; font-size: 13px; border: 1px solid #8c959f; background: #f6f8fa; color: #1f2328; border-radius: 6px; padding: 3px 10px; cursor: pointer; }
.shot-preview:not([hidden]) { margin: 0; display: flex; gap: 6px; align-items: flex-start; width: 100%; }
.shot { max-width: 160px; max-height: 160px; border: 1px solid #d0d7de; border-radius: 6px; }
.image-status { margin: 0; font-size: 13px; color: #424a53; width: 100%; }
.image-status:empty { display: none; }
`;
