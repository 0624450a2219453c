import type { Store } from '../store/store.js';

/** Votes looked back on for the feedback queue. */
const FEEDBACK_DAYS = 30;

/** One not-helpful vote and the answer it is about. */
export interface FeedbackItem {
  answerId: string;
  claim: string;
  verdict: string;
  reason: string | null;
  votedAt: number;
  votes: { helpful: number; notHelpful: number };
}

/** Not-helpful votes of the last days with their answers, newest first. */
export async function feedbackQueue(
  store: Pick<Store, 'answers'>,
  limit: number,
  now = Date.now(),
): Promise<FeedbackItem[]> {
  const since = now - FEEDBACK_DAYS * 86_400_000;
  const items: FeedbackItem[] = [];
  for (const vote of (await store.answers.votesSince(since, 10_000)).reverse()) {
    if (vote.helpful) continue;
    const answer = await store.answers.get(vote.answerId);
    if (!answer) continue;
    items.push({
      answerId: vote.answerId,
      claim: answer.claim,
      verdict: answer.verdict,
      reason: vote.reason,
      votedAt: vote.createdAt,
      votes: await store.answers.votes(vote.answerId),
    });
    if (items.length >= limit) break;
  }
  return items;
}
