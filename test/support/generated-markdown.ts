import { pick, seededRandom } from './seeded-random.js';

/**
 * A Markdown document of about `bytes` bytes (UTF-8): headed sections of generated figures such
 * as "The railway of district 3 counted 4521 passengers in 1987." Each district's section is
 * distinct, so its passages are distinct; the same seed gives the same document.
 */
export function generatedMarkdown(bytes: number, seed = 7): string {
  const random = seededRandom(seed);
  const subjects = ['The river', 'The city council', 'The harbour', 'The orchard', 'The railway'];
  const verbs = ['recorded', 'reported', 'measured', 'counted', 'published'];
  const things = ['visitors', 'tonnes of grain', 'rainy days', 'new trees', 'passengers'];
  const parts = ['# Regional almanac\n\nYearly figures gathered by volunteers.\n'];
  let size = Buffer.byteLength(parts[0]!);
  for (let district = 1; size < bytes; district++) {
    const sentences: string[] = [];
    for (let s = 0; s < 12; s++) {
      const year = 1950 + Math.floor(random() * 70);
      const count = Math.floor(random() * 100_000);
      sentences.push(
        `${pick(subjects, random)} of district ${district} ${pick(verbs, random)} ${count} ${pick(things, random)} in ${year}.`,
      );
    }
    const section = `\n## District ${district}\n\n${sentences.join(' ')}\n`;
    parts.push(section);
    size += Buffer.byteLength(section);
  }
  return parts.join('');
}
