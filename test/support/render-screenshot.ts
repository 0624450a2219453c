import { chromium, type Browser } from 'playwright-core';
import { chromiumLaunch } from './chromium.js';

/** What a screenshot looks like: a chat bubble, a cropped news card, or a poster. */
export type ScreenshotKind = 'chat' | 'news' | 'poster';

export interface ScreenshotSpec {
  kind: ScreenshotKind;
  /** The claim as it should be read back. */
  text: string;
  theme: 'light' | 'dark';
  /** A CSS font family list (the Chinese renders need a CJK font, ensure-fonts.cjs). */
  font?: string;
  /** Body text size in CSS pixels. */
  fontSize?: number;
  /** Sender name shown above a chat bubble. */
  sender?: string;
}

const escape = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** The page for one screenshot: phone chrome around the claim, as people forward them. */
function html(spec: ScreenshotSpec): string {
  const dark = spec.theme === 'dark';
  const bg = dark ? '#0b141a' : '#efeae2';
  const fg = dark ? '#e9edef' : '#111b21';
  const bubble = dark ? '#005c4b' : '#d9fdd3';
  const card = dark ? '#1f2c34' : '#ffffff';
  const muted = dark ? '#8696a0' : '#667781';
  const font = spec.font ?? '"DejaVu Sans", "WenQuanYi Micro Hei", sans-serif';
  const size = spec.fontSize ?? 18;
  const text = escape(spec.text);
  // Chinese forwards come in Chinese apps: their chrome is Chinese too.
  const zh = /\p{Script=Han}/u.test(spec.text);
  const words = zh
    ? {
        group: '相亲相爱一家人',
        sender: '王阿姨',
        fwd: '转发的消息',
        time: '下午3:15',
        brand: '健康日报 · 2小时前',
        meta: '分享 · 评论 · 1.2万',
      }
    : {
        group: 'Family Group',
        sender: 'Aunt May',
        fwd: 'Forwarded',
        time: '10:32',
        brand: 'DAILY HEALTH NEWS · 2 h',
        meta: 'Share · Comment · 1.2k',
      };
  const statusBar = `<div class="status"><span>9:41</span><span>5G ▮▮▮ 87%</span></div>`;
  const body = {
    chat: `${statusBar}<div class="header">‹ ${escape(words.group)}</div>
      <div class="bubble"><div class="fwd">↪ ${words.fwd}</div><div class="name">${escape(spec.sender ?? words.sender)}</div>
      <div class="msg">${text}</div><div class="time">${words.time} ✓✓</div></div>`,
    news: `<div class="card"><div class="brand">${words.brand}</div>
      <div class="headline">${text}</div><div class="meta">${words.meta}</div></div>`,
    poster: `<div class="poster"><div class="banner">${text}</div></div>`,
  }[spec.kind];
  return `<!doctype html><html><head><meta charset="utf-8"><style>
    body { margin: 0; background: ${bg}; color: ${fg}; font-family: ${font}; font-size: ${size}px; width: 420px; }
    .status { display: flex; justify-content: space-between; padding: 6px 16px; font-size: 13px; color: ${muted}; }
    .header { padding: 8px 16px; font-weight: bold; border-bottom: 1px solid ${muted}; }
    .bubble { background: ${bubble}; margin: 16px; padding: 10px 12px; border-radius: 10px; max-width: 340px; }
    .fwd, .time { font-size: 12px; color: ${muted}; font-style: italic; }
    .time { text-align: right; font-style: normal; }
    .name { font-size: 13px; color: #1fa855; font-weight: bold; }
    .msg { line-height: 1.4; margin: 4px 0; }
    .card { background: ${card}; margin: 12px; padding: 16px; border-radius: 8px; }
    .brand, .meta { font-size: 12px; color: ${muted}; letter-spacing: 1px; }
    .headline { font-size: ${Math.round(size * 1.3)}px; font-weight: bold; margin: 10px 0; line-height: 1.3; }
    .poster { margin: 0; padding: 36px 24px; background: ${dark ? '#3a0d0d' : '#ffe14d'}; }
    .banner { font-size: ${Math.round(size * 1.6)}px; font-weight: 900; text-align: center; line-height: 1.3;
      color: ${dark ? '#ffd5d5' : '#b00000'}; }
  </style></head><body>${body}</body></html>`;
}

/** One headless Chromium that renders many screenshots; close it when done. */
export interface ScreenshotRenderer {
  render(spec: ScreenshotSpec): Promise<Buffer>;
  close(): Promise<void>;
}

export async function createScreenshotRenderer(): Promise<ScreenshotRenderer> {
  const browser: Browser = await chromium.launch({ ...chromiumLaunch(), headless: true });
  const page = await browser.newPage({ viewport: { width: 420, height: 80 } });
  return {
    async render(spec) {
      await page.setContent(html(spec));
      await page.evaluate(() => document.fonts.ready);
      return page.screenshot({ fullPage: true, type: 'png' });
    },
    close: () => browser.close(),
  };
}
