import { writeFileSync } from 'node:fs';

/** Invented article text for bulk tests: distinct words per article so none are duplicates. */
export function bulkArticle(i: number): string {
  const words = [
    'harbour',
    'council',
    'budget',
    'ferry',
    'station',
    'river',
    'school',
    'market',
    'tunnel',
    'museum',
  ];
  const w = (k: number) => `${words[(i + k) % words.length]}${(i * 7 + k) % 97}`;
  return `The ${w(1)} plan for district ${i} was approved on Monday by ${w(2)} officials. Residents said the ${w(3)} would open in ${2030 + (i % 9)}. A spokesman for ${w(4)} added that costs reached ${i * 13} thousand.`;
}

/** Writes bulk articles `from..to-1` as JSONL (ids `bulk-N`, one minute apart) to `path`. */
export function writeBulkJsonl(path: string, from: number, to: number): void {
  const lines: string[] = [];
  for (let i = from; i < to; i++)
    lines.push(
      JSON.stringify({ id: `bulk-${i}`, text: bulkArticle(i), published: 1_700_000_000_000 + i * 60_000 }),
    );
  writeFileSync(path, `${lines.join('\n')}\n`);
}
