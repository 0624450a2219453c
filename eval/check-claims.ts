/**
 * Validates claim files in the dev.jsonl format (plus `article`): valid JSON, known labels,
 * languages and styles, and every evidence quote an exact substring of its seed file.
 * Usage: node --import tsx eval/check-claims.ts eval/seed-claims/*.jsonl
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.dirname(new URL(import.meta.url).pathname);
const seeds = path.join(root, '..', 'knowledge', 'seeds');
const LABELS = ['SUPPORTED', 'REFUTED', 'NOT_ENOUGH_INFO'];
const STYLES = ['plain', 'viral', 'question', 'numeric'];
const units = new Set(
  (
    JSON.parse(readFileSync(path.join(root, 'articles.json'), 'utf8')) as {
      units: { id: string }[];
    }
  ).units.map((u) => u.id),
);
const texts = new Map<string, string>();
const seedText = (file: string): string => {
  if (!texts.has(file)) texts.set(file, readFileSync(path.join(seeds, file), 'utf8'));
  return texts.get(file)!;
};

let problems = 0;
const ids = new Set<string>();
const tally = new Map<string, number>();
const count = (k: string) => tally.set(k, (tally.get(k) ?? 0) + 1);
for (const file of process.argv.slice(2)) {
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      const where = `${file}:${i + 1}`;
      const fail = (msg: string) => {
        problems++;
        process.stderr.write(`${where}: ${msg}\n`);
      };
      let o: Record<string, unknown>;
      try {
        o = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return fail('not JSON');
      }
      if (typeof o.id !== 'string' || ids.has(o.id)) fail('id missing or repeated');
      ids.add(String(o.id));
      if (typeof o.claim !== 'string' || o.claim.trim() === '') fail('claim missing');
      if (!LABELS.includes(o.label as string)) fail('bad label');
      if (o.lang !== 'en' && o.lang !== 'zh') fail('bad lang');
      if (!STYLES.includes(o.style as string)) fail('bad style');
      if (!units.has(o.article as string)) fail('bad article unit');
      const evidence = o.evidence as { file: string; quote: string }[] | undefined;
      if (!Array.isArray(evidence)) return fail('evidence must be a list');
      if (o.label !== 'NOT_ENOUGH_INFO' && evidence.length === 0) fail('needs evidence');
      for (const e of evidence) {
        if (!seedText(e.file).includes(e.quote))
          fail(`quote not found in ${e.file}: ${e.quote.slice(0, 60)}`);
      }
      count(`label ${String(o.label)}`);
      count(`lang ${String(o.lang)}`);
      count(`style ${String(o.style)}`);
      count(`article ${String(o.article)}`);
    });
}
for (const [k, v] of [...tally.entries()].sort()) process.stdout.write(`${k}\t${v}\n`);
process.stdout.write(`${ids.size} claims, ${problems} problems\n`);
process.exit(problems > 0 ? 1 : 0);
