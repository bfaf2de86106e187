import { doubleMetaphone } from 'double-metaphone';

/**
 * Jaro-Winkler similarity of two strings (0..1), on the strings as given.
 *
 * @example
 * ```ts
 * jaroWinkler('blinken', 'blanken'); // ≈ 0.91
 * ```
 */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a.length ? 1 : 0;
  const la = a.length;
  const lb = b.length;
  if (!la || !lb) return 0;
  const range = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  const ma = new Uint8Array(la);
  const mb = new Uint8Array(lb);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - range);
    const hi = Math.min(lb - 1, i + range);
    for (let j = lo; j <= hi; j++) {
      if (!mb[j] && a.charCodeAt(i) === b.charCodeAt(j)) {
        ma[i] = 1;
        mb[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (!matches) return 0;
  let t = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (!ma[i]) continue;
    while (!mb[k]) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) t++;
    k++;
  }
  const jaro = (matches / la + matches / lb + (matches - t / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < la && prefix < lb && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

const metaphoneCache = new Map<string, [string, string]>();

/** Double Metaphone codes of a (folded) word, cached. */
export function metaphone(word: string): [string, string] {
  let m = metaphoneCache.get(word);
  if (!m) {
    if (metaphoneCache.size > 50_000) metaphoneCache.clear();
    m = doubleMetaphone(word) as [string, string];
    metaphoneCache.set(word, m);
  }
  return m;
}

/** True when two words share a Double Metaphone code (they sound alike in English). */
export function soundsAlike(a: string, b: string): boolean {
  if (a.length < 3 || b.length < 3) return false;
  const [a1, a2] = metaphone(a);
  const [b1, b2] = metaphone(b);
  if (!a1 || !b1) return false;
  return a1 === b1 || a1 === b2 || a2 === b1 || (a2 !== '' && a2 === b2);
}

/**
 * Similarity of two single name words (folded), combining spelling and sound: Jaro-Winkler alone
 * under-rates transliteration variants ("berbach" vs "baerbock" ≈ 0.78), so a shared phonetic code
 * lifts the score.
 *
 * @example
 * ```ts
 * nameWordSimilarity('baerbock', 'berbock'); // > 0.9
 * ```
 */
export function nameWordSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const jw = jaroWinkler(a, b);
  if (soundsAlike(a, b)) return Math.max(jw, 0.6 + 0.4 * jw);
  return jw;
}
