import type { CheckStage } from '../../../src/verdict/checker-types.js';
import type { Verdict } from '../../../src/types.js';

export type Lang = 'en' | 'zh';

const en = {
  title: 'Rumor check',
  intro: 'Paste a rumor or ask about a claim. Answers quote the trusted sources they rest on.',
  open: 'Check a rumor',
  close: 'Close',
  label: 'Claim to check',
  placeholder: 'e.g. Are strawberries really the dirtiest fruit?',
  send: 'Check',
  you: 'You',
  service: 'Fact-check',
  verdicts: { SUPPORTED: 'Supported', REFUTED: 'False', NOT_ENOUGH_INFO: 'Not enough information' },
  confidence: (pct: number) => `Confidence ${pct}%`,
  stages: {
    queued: 'Sending…',
    normalize: 'Reading the claim…',
    retrieve: 'Searching the sources…',
    rerank: 'Ranking passages…',
    stance: 'Weighing the evidence…',
    compose: 'Writing the answer…',
  } as Record<CheckStage | 'queued', string>,
  progress: 'Answer in progress',
  sources: 'Sources',
  citation: (n: number) => `Source ${n}`,
  viewInSource: 'View in source',
  sourceTitle: 'In its source',
  loading: 'Loading…',
  helpfulQuestion: 'Was this answer helpful?',
  helpful: 'Helpful',
  notHelpful: 'Not helpful',
  reasonLabel: 'What was wrong? (optional)',
  sendReason: 'Send',
  thanks: 'Thank you for your feedback.',
  updated: 'Updated after review by a person',
  offline: 'Reconnecting… your messages will be sent when the connection is back.',
  error: 'Sorry, this could not be answered:',
  stance: { supports: 'supports', refutes: 'contradicts', neutral: 'related' },
};

const zh: typeof en = {
  title: '谣言核查',
  intro: '粘贴一条传言或提出一个说法。回答会引用所依据的可信来源。',
  open: '核查谣言',
  close: '关闭',
  label: '要核查的说法',
  placeholder: '例如：草莓真的是最脏的水果吗？',
  send: '核查',
  you: '你',
  service: '核查',
  verdicts: { SUPPORTED: '属实', REFUTED: '不实', NOT_ENOUGH_INFO: '证据不足' },
  confidence: (pct: number) => `置信度 ${pct}%`,
  stages: {
    queued: '发送中…',
    normalize: '正在理解说法…',
    retrieve: '正在检索来源…',
    rerank: '正在排序段落…',
    stance: '正在权衡证据…',
    compose: '正在撰写回答…',
  },
  progress: '正在回答',
  sources: '来源',
  citation: (n: number) => `来源 ${n}`,
  viewInSource: '查看原文',
  sourceTitle: '原文上下文',
  loading: '加载中…',
  helpfulQuestion: '这个回答有帮助吗？',
  helpful: '有帮助',
  notHelpful: '没有帮助',
  reasonLabel: '哪里不对？（可选）',
  sendReason: '提交',
  thanks: '感谢你的反馈。',
  updated: '经人工复核后已更新',
  offline: '正在重新连接…连接恢复后会发送你的消息。',
  error: '抱歉，无法回答：',
  stance: { supports: '支持', refutes: '反驳', neutral: '相关' },
};

export type Strings = typeof en;
export const STRINGS: Record<Lang, Strings> = { en, zh };

/** The interface language: the script's data-lang, else the page's, else the browser's. */
export function pickLang(...candidates: (string | null | undefined)[]): Lang {
  const first = candidates.find((c) => c && c.trim());
  return first?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export const verdictIcon: Record<Verdict, string> = {
  SUPPORTED: '✓',
  REFUTED: '✗',
  NOT_ENOUGH_INFO: '?',
};
