/**
 * Sanity of the verdict on sentences the knowledge base itself states: knowledge sentences
 * checked verbatim, as a clause, or with their opening phrase moved (the generator's supported
 * kinds) should come back SUPPORTED. A model that learned how claim sets are written (refuted
 * claims are near copies) refutes them; this measures how often, for the shipped model and the
 * hand-set rules. Usage: npx tsx bench/restatement.bench.ts [count]
 */
import { loadConfig } from '../src/config/config.js';
import { createLogger } from '../src/logger.js';
import { createChecker } from '../src/verdict/checker.js';
import { generateClaims } from '../src/verdict/model/synthetic.js';

const count = Number(process.argv[2] ?? 600);
console.log('| model | kind | n | SUPPORTED | REFUTED | NOT_ENOUGH_INFO |');
console.log('|---|---|---|---|---|---|');
for (const model of [loadConfig().VERDICT_MODEL, 'rules']) {
  const checker = await createChecker(
    { ...loadConfig(), VERDICT_MODEL: model },
    createLogger('warn'),
  );
  const claims = generateClaims(checker.passages, { count, seed: 11 }).filter(
    (c) => c.label === 'SUPPORTED',
  );
  const tally = new Map<string, Record<string, number>>();
  for (const c of claims) {
    const { verdict } = await checker.check(c.claim);
    const row = tally.get(c.kind) ?? {};
    row[verdict] = (row[verdict] ?? 0) + 1;
    tally.set(c.kind, row);
  }
  await checker.close();
  const name = model === 'rules' ? 'rules' : 'shipped';
  for (const [kind, row] of tally) {
    const n = Object.values(row).reduce((a, b) => a + b, 0);
    const share = (v: string) => ((row[v] ?? 0) / n).toFixed(2);
    console.log(
      `| ${name} | ${kind} | ${n} | ${share('SUPPORTED')} | ${share('REFUTED')} | ${share('NOT_ENOUGH_INFO')} |`,
    );
  }
}
