import type { Verdict } from '../../types.js';
import type { Lang } from '../normalize/index.js';

/** The fixed sentences of an answer, in each language we answer in. */
export interface AnswerStrings {
  verdict: Record<Verdict, string>;
  /** Introduces a numbered list of claims found in one message. */
  claims: (n: number) => string;
  computation: string;
  /** Says the quotes are from English sources (Chinese answers over English documents). */
  sourcesNote?: string;
  noEvidence: string;
}

export const STRINGS: Record<Lang, AnswerStrings> = {
  en: {
    verdict: {
      SUPPORTED: 'Supported: the sources confirm this claim.',
      REFUTED: 'Refuted: the sources contradict this claim.',
      NOT_ENOUGH_INFO:
        'Not enough information: the sources neither confirm nor contradict this claim.',
    },
    claims: (n) => `This message makes ${n} claims; each is checked separately.`,
    computation: 'Computation',
    noEvidence: 'No passage in the sources addresses it.',
  },
  zh: {
    verdict: {
      SUPPORTED: '属实：资料证实了这一说法。',
      REFUTED: '不实：资料与这一说法相矛盾。',
      NOT_ENOUGH_INFO: '证据不足：资料既不能证实也不能否定这一说法。',
    },
    claims: (n) => `这条消息包含${n}个说法，分别核查如下。`,
    computation: '计算',
    sourcesNote: '依据（英文原文）：',
    noEvidence: '资料中没有涉及这一说法的段落。',
  },
};
